import { createHash, randomBytes } from 'node:crypto';

/** Prefixes tell the two kinds apart without a lookup (and make leaked tokens easy to grep for). */
export const SESSION_TOKEN_PREFIX = 'bis_';
export const API_TOKEN_PREFIX = 'bit_';

/** 256 random bits, URL-safe. */
export function generateOpaqueToken(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** What is stored: the SHA-256 of the token (tokens are random, so no salt or slow hash is needed). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A strong password for generated accounts: 144 random bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
