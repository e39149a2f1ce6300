import { createHmac } from 'node:crypto';
import { normaliseIdentifier } from '@banca/domain';

/**
 * Replaces a partner's raw customer identifier by HMAC-SHA256(shared key, normalised id) as lower-case hex
 * (DATA.md), so the bank's and the insurer's records join without either raw id being stored.
 */
export function pseudonymise(rawId: string, key: Uint8Array): string {
  const normalised = normaliseIdentifier(rawId);
  if (normalised === '') throw new Error('cannot pseudonymise an empty identifier');
  return createHmac('sha256', key).update(normalised, 'utf8').digest('hex');
}
