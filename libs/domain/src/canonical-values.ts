/** Code lists of the canonical inbound entities (DATA.md). Files may use any case; codes are stored lower-case. */

export const PRODUCT_CATEGORIES = [
  'accident',
  'medical',
  'critical_illness',
  'term_life',
  'whole_life',
  'annuity',
  'participating_annuity',
  'universal_life',
  'investment_linked',
  'home_property',
  'credit_guarantee',
  'education_savings',
  'deposit',
  'wealth',
  'mortgage',
  'card',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export const PRODUCT_RISK_LEVELS = ['R1', 'R2', 'R3', 'R4', 'R5'] as const;
export type ProductRiskLevel = (typeof PRODUCT_RISK_LEVELS)[number];

export const PREMIUM_MODES = ['single', 'annual', 'monthly'] as const;
export type PremiumMode = (typeof PREMIUM_MODES)[number];

export const SALE_STATUSES = ['active', 'cancelled_cooling_off', 'surrendered', 'lapsed', 'matured'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

export const CAMPAIGN_EVENT_TYPES = ['contacted', 'responded', 'opted_out', 'offer_redeemed'] as const;
export type CampaignEventType = (typeof CAMPAIGN_EVENT_TYPES)[number];

export const AUDIENCE_GROUPS = ['treatment', 'holdout'] as const;
export type AudienceGroup = (typeof AUDIENCE_GROUPS)[number];

export const COMPLAINT_CATEGORIES = ['mis_selling', 'service', 'claims', 'fees', 'data_privacy', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** Channels with a label and an icon; partners' other channel codes are stored as given. */
export const KNOWN_CHANNELS = ['branch', 'app', 'account_manager', 'phone', 'sms', 'wechat', 'online'] as const;
export type KnownChannel = (typeof KNOWN_CHANNELS)[number];
