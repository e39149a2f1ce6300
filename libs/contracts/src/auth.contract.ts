import { z } from 'zod';
import { ROLES } from '@banca/domain';

export const roleSchema = z.enum(ROLES);

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(500),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type UserDto = z.infer<typeof userSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string().datetime(),
  user: userSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;
