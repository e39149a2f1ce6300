import { Module } from '@nestjs/common';
import { AuditModule } from '@banca/audit';
import { ApiTokenRepository } from './api-token.repository';
import { ApiTokenService } from './api-token.service';
import { AuthService } from './auth.service';
import { DemoUsersService } from './demo-users.service';
import { PasswordService } from './password.service';
import { SessionRepository } from './session.repository';
import { UserRepository } from './user.repository';
import { UserService } from './user.service';

/** Users, sessions and API tokens. Needs ConfigModule and DbModule (both global). */
@Module({
  imports: [AuditModule],
  providers: [
    UserRepository,
    SessionRepository,
    ApiTokenRepository,
    PasswordService,
    UserService,
    AuthService,
    ApiTokenService,
    DemoUsersService,
  ],
  exports: [UserService, AuthService, ApiTokenService, DemoUsersService],
})
export class AuthModule {}
