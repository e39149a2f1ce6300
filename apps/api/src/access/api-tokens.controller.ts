import { Body, Controller, Get, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { ApiTokenService } from '@banca/auth';
import type { Actor } from '@banca/domain';
import { CurrentActor, Roles } from '../common/auth.decorators';
import { ApiTokenDto, CreateApiTokenRequestDto, CreateApiTokenResponseDto } from './access.dto';

@ApiTags('api-tokens')
@Roles('admin')
@Controller('api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokenService) {}

  @Get()
  @ZodResponse({ type: [ApiTokenDto] })
  list() {
    return this.tokens.list();
  }

  @Post()
  @ZodResponse({ status: HttpStatus.CREATED, description: 'Created; the token is shown this once', type: CreateApiTokenResponseDto })
  create(@Body() body: CreateApiTokenRequestDto, @CurrentActor() actor: Actor) {
    return this.tokens.create(body, actor);
  }

  @Post(':id/revoke')
  @ZodResponse({ status: HttpStatus.OK, description: 'Revoked; requests with it are refused from now on', type: ApiTokenDto })
  revoke(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.tokens.revoke(id, actor);
  }
}
