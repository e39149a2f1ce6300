import { Injectable } from '@nestjs/common';
import { ROLES, SYSTEM_ACTOR, type Role } from '@banca/domain';
import { UserRepository } from './user.repository';
import { UserService } from './user.service';

export interface DemoCredential {
  username: string;
  password: string;
  role: Role;
}

/** Demo accounts for a first look at an empty installation; never for real data. */
@Injectable()
export class DemoUsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly userService: UserService,
  ) {}

  /**
   * When no user exists, creates one per role (username = role) with a random password and returns the
   * credentials for the caller to print once. Returns [] when there are users already.
   */
  async ensureDemoUsers(): Promise<DemoCredential[]> {
    if ((await this.users.count()) > 0) return [];
    const created: DemoCredential[] = [];
    for (const role of ROLES) {
      const { user, generatedPassword } = await this.userService.create(
        { username: role, displayName: `Demo ${role}`, role },
        SYSTEM_ACTOR,
      );
      if (!generatedPassword) throw new Error('demo user created without a generated password');
      created.push({ username: user.username, password: generatedPassword, role });
    }
    return created;
  }
}
