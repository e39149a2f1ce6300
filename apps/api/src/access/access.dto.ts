import { createZodDto } from 'nestjs-zod';
import {
  apiTokenSchema,
  createApiTokenRequestSchema,
  createApiTokenResponseSchema,
  createUserRequestSchema,
  createUserResponseSchema,
  loginRequestSchema,
  loginResponseSchema,
  userRecordSchema,
  userSchema,
} from '@banca/contracts';

export class LoginRequestDto extends createZodDto(loginRequestSchema) {}
export class LoginResponseDto extends createZodDto(loginResponseSchema) {}
export class UserDto extends createZodDto(userSchema) {}
export class UserRecordDto extends createZodDto(userRecordSchema) {}
export class CreateUserRequestDto extends createZodDto(createUserRequestSchema) {}
export class CreateUserResponseDto extends createZodDto(createUserResponseSchema) {}
export class ApiTokenDto extends createZodDto(apiTokenSchema) {}
export class CreateApiTokenRequestDto extends createZodDto(createApiTokenRequestSchema) {}
export class CreateApiTokenResponseDto extends createZodDto(createApiTokenResponseSchema) {}
