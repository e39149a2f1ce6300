import { PREMIUM_MODES, PRODUCT_CATEGORIES } from '@banca/domain';
import type { EntityDefinition } from './entity-definition';

/**
 * DATA.md `products`. Each partner rates the products it sells: a row is the product as `provider` sees it,
 * and its risk_level is that provider's rating. Two partners' files of one product keep both ratings.
 */
export const PRODUCTS_ENTITY: EntityDefinition = {
  entity: 'products',
  fields: [
    { name: 'product_code', kind: 'text', required: true },
    { name: 'name', kind: 'text', required: true },
    { name: 'provider', kind: 'text', required: true },
    { name: 'category', kind: 'code', codes: PRODUCT_CATEGORIES, required: true },
    { name: 'risk_level', kind: 'product-risk-level', required: true },
    { name: 'premium_mode', kind: 'code', codes: PREMIUM_MODES },
    { name: 'term_years', kind: 'integer' },
    // DATA.md: the cooling-off period of the bank channel is 15 days unless the product says otherwise.
    { name: 'cooling_off_days', kind: 'integer', default: 15 },
    { name: 'fee_rate', kind: 'share' },
  ],
  key: ['product_code', 'provider'],
};
