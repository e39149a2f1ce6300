/** One key whose value an audited change set, removed or altered: `settings.lowIncome.national`. */
export interface AuditChange {
  /** Dotted path of the key; nested objects are walked, arrays are compared as whole values. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  /** Undefined when the key did not exist before (added) or after (removed). */
  before: unknown;
  after: unknown;
}

type Snapshot = Readonly<Record<string, unknown>> | null | undefined;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values (what before/after hold); key order does not matter. */
export function sameJson(left: unknown, right: unknown): boolean {
  if (Object.is(left, right)) return true;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => sameJson(item, right[index]));
  }
  if (isPlainObject(left) && isPlainObject(right)) {
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]));
  }
  return false;
}

/** The leaves of a nested object as dotted paths, in the object's own key order; an empty object is a leaf. */
function leaves(value: Record<string, unknown>, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isPlainObject(child) && Object.keys(child).length > 0) leaves(child, path, into);
    else into.set(path, child);
  }
  return into;
}

/**
 * What an audited change did, key by key: only the keys whose value differs, in the order of `before`
 * then the keys `after` added. A creation (no before) lists every key as added; a deletion, as removed.
 */
export function auditDiff(before: Snapshot, after: Snapshot): AuditChange[] {
  const was = leaves(before ?? {}, '', new Map());
  const is = leaves(after ?? {}, '', new Map());
  // An empty object that gained keys (regions: {} → {Shanghai: …}) is told by the keys it gained.
  const filledOrEmptied = (path: string, value: unknown, other: Map<string, unknown>) =>
    isPlainObject(value) && Object.keys(value).length === 0 && [...other.keys()].some((key) => key.startsWith(`${path}.`));
  const changes: AuditChange[] = [];
  for (const [path, value] of was) {
    if (!is.has(path)) {
      if (!filledOrEmptied(path, value, is)) changes.push({ path, kind: 'removed', before: value, after: undefined });
    } else if (!sameJson(value, is.get(path))) changes.push({ path, kind: 'changed', before: value, after: is.get(path) });
  }
  for (const [path, value] of is) {
    if (!was.has(path) && !filledOrEmptied(path, value, was)) changes.push({ path, kind: 'added', before: undefined, after: value });
  }
  return changes;
}

/** Keys present on both sides with the same value: shown as a count, so the reader knows they were there. */
export function unchangedKeyCount(before: Snapshot, after: Snapshot): number {
  if (!before || !after) return 0;
  const was = leaves(before, '', new Map());
  const is = leaves(after, '', new Map());
  let same = 0;
  for (const [path, value] of was) if (is.has(path) && sameJson(value, is.get(path))) same += 1;
  return same;
}

/** A value of a diff for reading: text as it is, everything else as compact JSON; nothing is `undefined`. */
export function auditValueText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
