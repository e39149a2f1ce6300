import {
  CUSTOMER_RISK_LEVELS,
  PRODUCT_CATEGORIES,
  SEGMENT_BOOLEAN_FIELDS,
  SEGMENT_NUMERIC_COMPARISONS,
  SEGMENT_NUMERIC_FIELDS,
  SEGMENT_TEXT_FIELDS,
  TIERS,
  isAllGroup,
  isAnyGroup,
  type ProductCategory,
  type SegmentBooleanField,
  type SegmentCondition,
  type SegmentNumericField,
  type SegmentRule,
  type SegmentTextField,
  type Tier,
} from '@banca/domain';
import { parseAmountInput } from '../format/amount-input';

/**
 * The segment builder edits a draft, not a SegmentRule: a draft keeps what the user is still typing
 * ("5,0", an empty value) and gives every node an id for React keys and error messages; `draftToRule`
 * turns it into the rule the API takes once it is complete.
 */

export type FieldKind = 'numeric' | 'text' | 'boolean' | 'tier' | 'holding';
export type ConditionField = SegmentNumericField | SegmentTextField | SegmentBooleanField | 'tier' | 'holding';
export type ConditionOperator = SegmentCondition['op'];
export type GroupMode = 'all' | 'any';

/** The fields a condition can test, in the order the builder lists them. */
export const CONDITION_FIELDS: readonly ConditionField[] = ['tier', ...SEGMENT_NUMERIC_FIELDS, ...SEGMENT_TEXT_FIELDS, ...SEGMENT_BOOLEAN_FIELDS, 'holding'];

export function fieldKind(field: ConditionField): FieldKind {
  if (field === 'tier') return 'tier';
  if (field === 'holding') return 'holding';
  if ((SEGMENT_NUMERIC_FIELDS as readonly string[]).includes(field)) return 'numeric';
  if ((SEGMENT_TEXT_FIELDS as readonly string[]).includes(field)) return 'text';
  return 'boolean';
}

const PRESENCE = ['missing', 'present'] as const;

/** Operators each kind of field takes (the contract's condition schemas). */
export const OPERATORS: Readonly<Record<FieldKind, readonly ConditionOperator[]>> = {
  numeric: [...SEGMENT_NUMERIC_COMPARISONS, 'between', ...PRESENCE],
  text: ['eq', 'ne', 'in', 'notIn', ...PRESENCE],
  boolean: ['is', ...PRESENCE],
  tier: ['eq', 'ne', 'in', 'notIn'],
  holding: ['holds', 'notHolds'],
};

/** What the value control of a condition looks like. */
export type ValueShape = 'none' | 'number' | 'range' | 'text' | 'list' | 'choice' | 'choices';

export function valueShape(field: ConditionField, op: ConditionOperator): ValueShape {
  if (op === 'missing' || op === 'present') return 'none';
  const kind = fieldKind(field);
  if (kind === 'numeric') return op === 'between' ? 'range' : 'number';
  const many = op === 'in' || op === 'notIn';
  // Fields with a fixed list of values get a select; free text (region, branch) gets an input.
  if (fixedChoices(field) !== null) return many ? 'choices' : 'choice';
  return many ? 'list' : 'text';
}

/** The values a field can take when they are a fixed list; null for free text and amounts. */
export function fixedChoices(field: ConditionField): readonly string[] | null {
  if (field === 'tier') return TIERS;
  if (field === 'holding') return PRODUCT_CATEGORIES;
  if (field === 'riskLevel') return CUSTOMER_RISK_LEVELS;
  if (fieldKind(field) === 'boolean') return ['true', 'false'];
  return null;
}

export interface ConditionDraft {
  kind: 'condition';
  id: string;
  field: ConditionField;
  op: ConditionOperator;
  /** One value as typed or chosen: an amount, a text, a tier, a category, 'true'/'false'. */
  value: string;
  /** For `in` / `notIn`. */
  values: string[];
  min: string;
  max: string;
}

export interface GroupDraft {
  kind: 'group';
  id: string;
  mode: GroupMode;
  children: DraftNode[];
}

export type DraftNode = ConditionDraft | GroupDraft;

let lastId = 0;
function newId(): string {
  lastId += 1;
  return `node-${lastId}`;
}

export function emptyGroup(mode: GroupMode = 'all'): GroupDraft {
  return { kind: 'group', id: newId(), mode, children: [] };
}

function defaultValue(field: ConditionField): string {
  return fixedChoices(field)?.[0] ?? '';
}

/** A new condition on `field` with its first operator and, for fixed lists, the first choice. */
export function newCondition(field: ConditionField = 'tier'): ConditionDraft {
  return { kind: 'condition', id: newId(), field, op: OPERATORS[fieldKind(field)][0] ?? 'eq', value: defaultValue(field), values: [], min: '', max: '' };
}

/** A condition moved to another field keeps its operator when the new field takes it, else takes the first. */
export function withField(condition: ConditionDraft, field: ConditionField): ConditionDraft {
  if (field === condition.field) return condition;
  const sameKind = fieldKind(field) === fieldKind(condition.field);
  const ops = OPERATORS[fieldKind(field)];
  const op = ops.includes(condition.op) ? condition.op : (ops[0] ?? 'eq');
  if (sameKind && fixedChoices(field) === null) return { ...condition, field, op };
  return { ...condition, field, op, value: defaultValue(field), values: [], min: '', max: '' };
}

export function withOperator(condition: ConditionDraft, op: ConditionOperator): ConditionDraft {
  if (!OPERATORS[fieldKind(condition.field)].includes(op)) return condition;
  const next = { ...condition, op };
  // Switching between one value and a list carries the value over, so "eq hnw" → "in" starts at [hnw].
  if ((op === 'in' || op === 'notIn') && next.values.length === 0 && next.value !== '') next.values = [next.value];
  if (op !== 'in' && op !== 'notIn' && next.value === '' && next.values[0] !== undefined) next.value = next.values[0];
  return next;
}

// ------------------------------------------------------------------ tree edits (immutable)

function mapNode(node: DraftNode, id: string, change: (node: DraftNode) => DraftNode): DraftNode {
  if (node.id === id) return change(node);
  if (node.kind === 'condition') return node;
  const children = node.children.map((child) => mapNode(child, id, change));
  return children.every((child, index) => child === node.children[index]) ? node : { ...node, children };
}

function mapGroup(root: GroupDraft, id: string, change: (group: GroupDraft) => GroupDraft): GroupDraft {
  const next = mapNode(root, id, (node) => (node.kind === 'group' ? change(node) : node));
  return next.kind === 'group' ? next : root;
}

export function addCondition(root: GroupDraft, groupId: string, condition: ConditionDraft = newCondition()): GroupDraft {
  return mapGroup(root, groupId, (group) => ({ ...group, children: [...group.children, condition] }));
}

/** A nested group starts with one condition: an empty "any" group matches no one, which is never meant. */
export function addGroup(root: GroupDraft, groupId: string, mode: GroupMode = 'any'): GroupDraft {
  const group: GroupDraft = { ...emptyGroup(mode), children: [newCondition()] };
  return mapGroup(root, groupId, (parent) => ({ ...parent, children: [...parent.children, group] }));
}

/** Removes a condition or a nested group; the root group stays. */
export function removeNode(root: GroupDraft, id: string): GroupDraft {
  if (root.id === id) return root;
  const prune = (group: GroupDraft): GroupDraft => {
    const kept = group.children.filter((child) => child.id !== id);
    const children = kept.map((child) => (child.kind === 'group' ? prune(child) : child));
    const unchanged = kept.length === group.children.length && children.every((child, index) => child === group.children[index]);
    return unchanged ? group : { ...group, children };
  };
  return prune(root);
}

export function setGroupMode(root: GroupDraft, groupId: string, mode: GroupMode): GroupDraft {
  return mapGroup(root, groupId, (group) => (group.mode === mode ? group : { ...group, mode }));
}

export function updateCondition(root: GroupDraft, id: string, change: (condition: ConditionDraft) => ConditionDraft): GroupDraft {
  const next = mapNode(root, id, (node) => (node.kind === 'condition' ? change(node) : node));
  return next.kind === 'group' ? next : root;
}

export function findNode(root: DraftNode, id: string): DraftNode | undefined {
  if (root.id === id) return root;
  if (root.kind === 'condition') return undefined;
  for (const child of root.children) {
    const found = findNode(child, id);
    if (found) return found;
  }
  return undefined;
}

export function conditionCount(node: DraftNode): number {
  return node.kind === 'condition' ? 1 : node.children.reduce((sum, child) => sum + conditionCount(child), 0);
}

// ------------------------------------------------------------------ draft → rule

/** Which control of a node a problem belongs to, so the builder shows it right there. */
export type DraftControl = 'group' | 'field' | 'op' | 'value' | 'values' | 'min' | 'max';

export type DraftProblemCode = 'required' | 'notANumber' | 'rangeOrder' | 'emptyAny' | 'unknownChoice';

export interface DraftProblem {
  nodeId: string;
  control: DraftControl;
  code: DraftProblemCode;
}

export type DraftResult = { ok: true; rule: SegmentRule } | { ok: false; problems: DraftProblem[] };

function oneOf<T extends string>(options: readonly T[], value: string): value is T {
  return (options as readonly string[]).includes(value);
}

function isNumericField(field: ConditionField): field is SegmentNumericField {
  return fieldKind(field) === 'numeric';
}
function isTextField(field: ConditionField): field is SegmentTextField {
  return fieldKind(field) === 'text';
}
function isBooleanField(field: ConditionField): field is SegmentBooleanField {
  return fieldKind(field) === 'boolean';
}

function conditionToRule(c: ConditionDraft, problems: DraftProblem[]): SegmentCondition | null {
  const problem = (control: DraftControl, code: DraftProblemCode) => {
    problems.push({ nodeId: c.id, control, code });
    return null;
  };
  const op = c.op;
  const text = c.value.trim();
  const list = c.values.map((value) => value.trim()).filter((value) => value !== '');

  if (c.field === 'holding') {
    if (op !== 'holds' && op !== 'notHolds') return problem('op', 'unknownChoice');
    if (!oneOf(PRODUCT_CATEGORIES, text)) return problem('value', text === '' ? 'required' : 'unknownChoice');
    const category: ProductCategory = text;
    return { field: 'holding', op, category };
  }
  if (c.field === 'tier') {
    if (op === 'eq' || op === 'ne') {
      if (!oneOf(TIERS, text)) return problem('value', text === '' ? 'required' : 'unknownChoice');
      const tier: Tier = text;
      return { field: 'tier', op, value: tier };
    }
    if (op === 'in' || op === 'notIn') {
      if (list.length === 0) return problem('values', 'required');
      const tiers = list.filter((value): value is Tier => oneOf(TIERS, value));
      if (tiers.length !== list.length) return problem('values', 'unknownChoice');
      return { field: 'tier', op, values: tiers };
    }
    return problem('op', 'unknownChoice');
  }
  const field = c.field;
  if (op === 'missing' || op === 'present') return { field, op };
  if (isNumericField(field)) {
    if (op === 'between') {
      const min = parseAmountInput(c.min);
      const max = parseAmountInput(c.max);
      if (min === null) problem('min', c.min.trim() === '' ? 'required' : 'notANumber');
      if (max === null) problem('max', c.max.trim() === '' ? 'required' : 'notANumber');
      if (min === null || max === null) return null;
      if (min > max) return problem('max', 'rangeOrder');
      return { field, op, min, max };
    }
    if (!oneOf(SEGMENT_NUMERIC_COMPARISONS, op)) return problem('op', 'unknownChoice');
    const value = parseAmountInput(c.value);
    if (value === null) return problem('value', text === '' ? 'required' : 'notANumber');
    return { field, op, value };
  }
  if (isTextField(field)) {
    if (op === 'eq' || op === 'ne') {
      if (text === '') return problem('value', 'required');
      if (field === 'riskLevel' && !oneOf(CUSTOMER_RISK_LEVELS, text)) return problem('value', 'unknownChoice');
      return { field, op, value: text };
    }
    if (op === 'in' || op === 'notIn') {
      if (list.length === 0) return problem('values', 'required');
      return { field, op, values: list };
    }
    return problem('op', 'unknownChoice');
  }
  if (isBooleanField(field)) {
    if (op !== 'is') return problem('op', 'unknownChoice');
    if (text !== 'true' && text !== 'false') return problem('value', 'required');
    return { field, op, value: text === 'true' };
  }
  return problem('field', 'unknownChoice');
}

function nodeToRule(node: DraftNode, problems: DraftProblem[]): SegmentRule | null {
  if (node.kind === 'condition') return conditionToRule(node, problems);
  const children = node.children.map((child) => nodeToRule(child, problems));
  if (node.mode === 'any' && node.children.length === 0) {
    problems.push({ nodeId: node.id, control: 'group', code: 'emptyAny' });
    return null;
  }
  const rules = children.filter((child): child is SegmentRule => child !== null);
  if (rules.length !== children.length) return null;
  return node.mode === 'all' ? { all: rules } : { any: rules };
}

/** The rule the API takes, or every problem that keeps the draft from being one. */
export function draftToRule(root: GroupDraft): DraftResult {
  const problems: DraftProblem[] = [];
  const rule = nodeToRule(root, problems);
  return rule !== null && problems.length === 0 ? { ok: true, rule } : { ok: false, problems };
}

// ------------------------------------------------------------------ rule → draft

function ruleToNode(rule: SegmentRule): DraftNode {
  if (isAllGroup(rule)) return { kind: 'group', id: newId(), mode: 'all', children: rule.all.map(ruleToNode) };
  if (isAnyGroup(rule)) return { kind: 'group', id: newId(), mode: 'any', children: rule.any.map(ruleToNode) };
  const draft: ConditionDraft = { ...newCondition(rule.field), op: rule.op, value: '', values: [], min: '', max: '' };
  if ('value' in rule) draft.value = String(rule.value);
  if ('values' in rule) draft.values = [...rule.values];
  if ('min' in rule) draft.min = String(rule.min);
  if ('max' in rule) draft.max = String(rule.max);
  if ('category' in rule) draft.value = rule.category;
  return draft;
}

/** A saved rule opened in the builder; a bare condition is put in an "all" group so it can grow. */
export function ruleToDraft(rule: SegmentRule): GroupDraft {
  const node = ruleToNode(rule);
  return node.kind === 'group' ? node : { ...emptyGroup('all'), children: [node] };
}

// ------------------------------------------------------------------ API issue paths

export interface LocatedIssue {
  nodeId: string;
  control: DraftControl;
  message: string;
}

const CONTROL_OF_KEY: Readonly<Record<string, DraftControl>> = {
  field: 'field',
  op: 'op',
  value: 'value',
  values: 'values',
  min: 'min',
  max: 'max',
  category: 'value',
};

/**
 * Places an API validation issue in the draft. The API names the place in the tree by path
 * (`rule.all.1.any.0.value`); since `draftToRule` keeps the draft's shape, the indexes lead to the node.
 * Returns null when the path is not inside the rule (e.g. `name`).
 */
export function locateIssue(root: GroupDraft, field: string, message: string): LocatedIssue | null {
  const parts = field.split('.').filter((part) => part !== '');
  if (parts[0] !== 'rule') return null;
  let node: DraftNode = root;
  let index = 1;
  while (index < parts.length && node.kind === 'group') {
    const key = parts[index];
    const position = Number(parts[index + 1]);
    if ((key !== 'all' && key !== 'any') || !Number.isInteger(position)) break;
    const child: DraftNode | undefined = node.children[position];
    if (!child) break;
    node = child;
    index += 2;
  }
  const rest = parts[index];
  const control: DraftControl = node.kind === 'group' ? 'group' : ((rest !== undefined ? CONTROL_OF_KEY[rest] : undefined) ?? 'value');
  return { nodeId: node.id, control, message };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, inner]) => [key, canonical(inner)]),
    );
  }
  return value;
}

/** Whether two rules are the same tree, whatever the order of keys (a stored rule comes back from jsonb re-ordered). */
export function sameRule(a: SegmentRule | null, b: SegmentRule | null): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
