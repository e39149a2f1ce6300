import { numeric, timestamp } from 'drizzle-orm/pg-core';

/** CNY amounts: exact decimals in the database, numbers in TypeScript. */
export const money = (name: string) => numeric(name, { precision: 18, scale: 2, mode: 'number' });
/** Shares and rates between 0 and 1. */
export const ratio = (name: string) => numeric(name, { precision: 7, scale: 6, mode: 'number' });
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
