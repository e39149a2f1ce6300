import type { ProductCategory } from './canonical-values';

/** The bank's own product categories; every other category is insurance (PRODUCT.md penetration). */
export const BANK_PRODUCT_CATEGORIES = ['deposit', 'wealth', 'mortgage', 'card'] as const satisfies readonly ProductCategory[];

export function isInsuranceCategory(category: string): boolean {
  return !(BANK_PRODUCT_CATEGORIES as readonly string[]).includes(category);
}

/** A share of a group, or null for an empty group (no customers is not 0 %). */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
