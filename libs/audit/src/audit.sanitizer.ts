/** Keys whose values never belong in the audit log, whatever a caller passes. */
const SECRET_KEY = /password|passphrase|secret|hash|authorization|cookie/i;
/** A string under a `...token` key is a token value (`tokenId`, `tokenPrefix` stay). */
const TOKEN_KEY = /token$/i;

/** A copy of `value` without secret-looking keys, at any depth; dates become ISO strings. */
export function withoutSecrets(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => !SECRET_KEY.test(key) && !(TOKEN_KEY.test(key) && typeof v === 'string'))
      .map(([key, v]) => [key, clean(v)]),
  );
}

function clean(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') return withoutSecrets(value as Record<string, unknown>);
  return value;
}
