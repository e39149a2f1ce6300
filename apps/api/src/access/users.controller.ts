import { Body, Controller, Get, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { UserService } from '@banca/auth';
import type { Actor } from '@banca/domain';
import { CurrentActor, Roles } from '../common/auth.decorators';
import { CreateUserRequestDto, CreateUserResponseDto, UserRecordDto } from './access.dto';

@ApiTags('users')
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UserService) {}

  @Get()
  @ZodResponse({ type: [UserRecordDto] })
  list() {
    return this.users.list();
  }

  @Post()
  @ZodResponse({ status: HttpStatus.CREATED, description: 'Created; a generated password is shown this once', type: CreateUserResponseDto })
  create(@Body() body: CreateUserRequestDto, @CurrentActor() actor: Actor) {
    return this.users.create(body, actor);
  }

  @Post(':id/disable')
  @ZodResponse({ status: HttpStatus.OK, description: 'Disabled (kept, never deleted, history intact); their sessions end and the API tokens they created are revoked', type: UserRecordDto })
  disable(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.users.disable(id, actor);
  }

  @Post(':id/enable')
  @ZodResponse({ status: HttpStatus.OK, description: 'Enabled again; they sign in anew (ended sessions and revoked tokens stay so)', type: UserRecordDto })
  enable(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.users.enable(id, actor);
  }
}
