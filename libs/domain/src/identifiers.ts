/** A pseudonymised customer id: lower-case hex of an HMAC-SHA256 (DATA.md). */
const PSEUDONYM_PATTERN = /^[0-9a-f]{64}$/;

/** The form partners agree to hash: surrounding spaces removed, letters upper-cased (e.g. the X of a national ID). */
export function normaliseIdentifier(rawId: string): string {
  return rawId.trim().toUpperCase();
}

export function isPseudonym(value: string): boolean {
  return PSEUDONYM_PATTERN.test(value);
}

/**
 * What a reject report shows instead of an identifier: never any of its characters, only its length,
 * so an operator can tell an empty or truncated id from a long one.
 */
export function maskIdentifier(value: string): string {
  const length = [...value.trim()].length;
  return length === 0 ? '(empty)' : `***(${length} chars)`;
}
