/**
 * The instant a token chosen to expire "on" a calendar day stops working: the start of that day in China
 * Standard Time (the reporting time zone, a fixed UTC+8), sent as the UTC timestamp the API takes.
 */
export function tokenExpiryInstant(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00+08:00`).toISOString();
}

/** Whether a token still opens the API at `now`: neither revoked nor past its expiry. */
export function isTokenUsable(token: { revokedAt: string | null; expiresAt: string | null }, now: Date): boolean {
  return token.revokedAt === null && (token.expiresAt === null || Date.parse(token.expiresAt) > now.getTime());
}
