import { Module } from '@nestjs/common';
import { AuthModule } from '@banca/auth';
import { LoginThrottlerModule } from '../common/login-throttle';
import { ApiTokensController } from './api-tokens.controller';
import { AuthController } from './auth.controller';
import { UsersController } from './users.controller';

@Module({
  imports: [AuthModule, LoginThrottlerModule],
  controllers: [AuthController, UsersController, ApiTokensController],
})
export class AccessHttpModule {}
