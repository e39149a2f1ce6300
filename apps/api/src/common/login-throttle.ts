import { ThrottlerModule } from '@nestjs/throttler';

/** Logins per minute for one username from one address, and for one address across usernames. */
export const LOGIN_LIMIT_PER_USERNAME = 10;
export const LOGIN_LIMIT_PER_ADDRESS = 60;

const usernameOf = (req: Record<string, unknown>): string => {
  const body = req.body;
  const username = body !== null && typeof body === 'object' ? (body as { username?: unknown }).username : undefined;
  return typeof username === 'string' ? username.trim().toLowerCase().slice(0, 100) : '';
};
const addressOf = (req: Record<string, unknown>): string => (typeof req.ip === 'string' ? req.ip : 'unknown');

/** Throttling for the login route only (applied there with @UseGuards(ThrottlerGuard)); in memory, per process. */
export const LoginThrottlerModule = ThrottlerModule.forRoot({
  throttlers: [
    {
      name: 'login-username',
      ttl: 60_000,
      limit: LOGIN_LIMIT_PER_USERNAME,
      getTracker: (req) => `${addressOf(req)}|${usernameOf(req)}`,
    },
    { name: 'login-address', ttl: 60_000, limit: LOGIN_LIMIT_PER_ADDRESS, getTracker: (req) => addressOf(req) },
  ],
});
