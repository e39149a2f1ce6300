import type { Language } from '../i18n/language';
import { isPresentNumber, MISSING } from './missing';

type Value = number | null | undefined;

interface Unit {
  size: number;
  suffix: string;
}

/** Chinese finance writes large sums in 万 (10^4) and 亿 (10^8), never in thousands or millions. */
const ZH_UNITS: readonly Unit[] = [
  { size: 1e8, suffix: '亿' },
  { size: 1e4, suffix: '万' },
];
const EN_UNITS: readonly Unit[] = [
  { size: 1e9, suffix: 'B' },
  { size: 1e6, suffix: 'M' },
];

function grouped(language: Language, value: number, maximumFractionDigits: number): string {
  // signDisplay 'negative': a tiny negative amount that rounds to zero reads "0", not "-0".
  return new Intl.NumberFormat(language, { maximumFractionDigits, minimumFractionDigits: 0, signDisplay: 'negative' }).format(value);
}

const ONE: Unit = { size: 1, suffix: '' };

function roundTo(value: number, fractionDigits: number): number {
  const factor = 10 ** fractionDigits;
  return Math.round(value * factor) / factor;
}

/**
 * Scales into the largest unit the value reaches, then moves up one more unit when rounding carries it
 * there, so 99,999,999 reads "1亿" rather than "10,000万" and 9,999.999 reads "1万" rather than "10,000".
 */
function scaled(language: Language, value: number, largestFirst: readonly Unit[], fractionDigits: number): string {
  const units = [...largestFirst, ONE];
  const magnitude = Math.abs(value);
  let index = units.findIndex((unit) => magnitude >= unit.size);
  if (index === -1) index = units.length - 1;
  while (index > 0) {
    const current = units[index]!;
    const larger = units[index - 1]!;
    if (roundTo(magnitude / current.size, fractionDigits) * current.size < larger.size) break;
    index -= 1;
  }
  const unit = units[index]!;
  const shown = roundTo(magnitude / unit.size, fractionDigits);
  return `${grouped(language, Math.sign(value) * shown, fractionDigits)}${unit.suffix}`;
}

/**
 * A CNY amount for reading at a glance (cards, axes, tooltips).
 * zh-CN: 元 below 10,000, then 万元 and 亿元 with up to two decimals ("1.23万元", "1.23亿元").
 * en: full grouping below one million ("CNY 12,345"), then "CNY 1.23M" and "CNY 1.23B".
 */
export function formatCny(value: Value, language: Language): string {
  if (!isPresentNumber(value)) return MISSING;
  if (language === 'zh-CN') return `${scaled(language, value, ZH_UNITS, 2)}元`;
  return `CNY ${scaled(language, value, EN_UNITS, 2)}`;
}

/** A whole count with grouping: 12,345 customers. */
export function formatCount(value: Value, language: Language): string {
  if (!isPresentNumber(value)) return MISSING;
  return grouped(language, Math.round(value), 0);
}

/** A count shortened for axis ticks: zh-CN "1.2万", en "12.3K". */
export function formatCountCompact(value: Value, language: Language): string {
  if (!isPresentNumber(value)) return MISSING;
  const units: readonly Unit[] = language === 'zh-CN' ? ZH_UNITS : [...EN_UNITS, { size: 1e3, suffix: 'K' }];
  return scaled(language, Math.round(value), units, 1);
}

/** A ratio (0.1234) as a percentage ("12.3%"). */
export function formatPercent(ratio: Value, language: Language, fractionDigits = 1): string {
  if (!isPresentNumber(ratio)) return MISSING;
  return new Intl.NumberFormat(language, {
    style: 'percent',
    signDisplay: 'negative',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(ratio);
}

/** Share of a part in a whole as a ratio; no share of an empty whole. */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** A file size in binary units, one decimal above bytes: "512 B", "1.5 KB", "40.2 MB". */
export function formatBytes(value: Value, language: Language): string {
  if (!isPresentNumber(value) || value < 0) return MISSING;
  let size = value;
  let unit = 0;
  // Moves up while the rounded figure would read 1024 or more, so 1,048,575 bytes reads "1 MB", not "1,024 KB".
  while (unit < BYTE_UNITS.length - 1 && roundTo(size, unit === 0 ? 0 : 1) >= 1024) {
    size /= 1024;
    unit += 1;
  }
  return `${grouped(language, roundTo(size, unit === 0 ? 0 : 1), unit === 0 ? 0 : 1)} ${BYTE_UNITS[unit]}`;
}
