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

/** A user as administrators see it. */
export const userRecordSchema = userSchema.extend({
  disabledAt: z.string().datetime().nullable(),
  lastLoginAt: z.string().datetime().nullable(),
  createdAt: z.string().datetime(),
});
export type UserRecordDto = z.infer<typeof userRecordSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only, starting with a letter or digit');

/** Passwords chosen by people: long rather than complex (NIST SP 800-63B). */
export const newPasswordSchema = z.string().min(12).max(500);

export const createUserRequestSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(200).optional(),
  role: roleSchema,
  /** Omit to have a strong password generated and returned once. */
  password: newPasswordSchema.optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const createUserResponseSchema = z.object({
  user: userRecordSchema,
  /** Present only when the password was generated; shown this once. */
  generatedPassword: z.string().optional(),
});
export type CreateUserResponse = z.infer<typeof createUserResponseSchema>;

/** An API token for machine clients; the token value itself is never listed. */
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  /** First characters of the token, to tell tokens apart. */
  prefix: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string().datetime(),
  expiresAt: z.string().datetime().nullable(),
  lastUsedAt: z.string().datetime().nullable(),
  revokedAt: z.string().datetime().nullable(),
});
export type ApiTokenDto = z.infer<typeof apiTokenSchema>;

export const createApiTokenRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
  expiresAt: z.string().datetime().optional(),
});
export type CreateApiTokenRequest = z.infer<typeof createApiTokenRequestSchema>;

export const createApiTokenResponseSchema = z.object({
  /** The token value, shown this once; only its hash is stored. */
  token: z.string(),
  apiToken: apiTokenSchema,
});
export type CreateApiTokenResponse = z.infer<typeof createApiTokenResponseSchema>;
