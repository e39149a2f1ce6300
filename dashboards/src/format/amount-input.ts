/** Chinese users type amounts in 万 and 亿 ("500万"); everyone may group thousands ("5,000,000"). */
const UNITS: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8, w: 1e4, W: 1e4 };

/** An amount as typed in a form, or null when it is not one: "5,000,000", "500万", "1.2亿", "-3.5". */
export function parseAmountInput(input: string): number | null {
  const text = input.trim().replace(/[,，\s]/g, '');
  if (text === '') return null;
  const match = /^(-?\d+(?:\.\d+)?)(万|亿|w|W)?$/.exec(text);
  if (!match?.[1]) return null;
  const unit = match[2] ? (UNITS[match[2]] ?? 1) : 1;
  // Rounded to cents: 1.23万 is 12,300, not 12,299.999999999998.
  return Math.round(Number(match[1]) * unit * 100) / 100;
}
