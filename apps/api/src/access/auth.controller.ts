import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ZodResponse } from 'nestjs-zod';
import { AuthService } from '@banca/auth';
import { ROLES, type Actor } from '@banca/domain';
import { requestIdOf, type ApiRequest } from '../common/api-request';
import { CurrentActor, Public, Roles } from '../common/auth.decorators';
import { LoginRequestDto, LoginResponseDto, UserDto } from './access.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @ZodResponse({ status: HttpStatus.OK, description: 'Session opened; the token is shown this once', type: LoginResponseDto })
  login(@Body() body: LoginRequestDto, @Req() req: ApiRequest) {
    return this.auth.login(body, { requestId: requestIdOf(req) });
  }

  @Roles(...ROLES)
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Session revoked' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor);
  }

  @Roles(...ROLES)
  @Get('me')
  @ZodResponse({ type: UserDto })
  me(@CurrentActor() actor: Actor) {
    return this.auth.me(actor);
  }
}
