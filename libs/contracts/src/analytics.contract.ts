import { z } from 'zod';
import { CONVERSION_DIMENSIONS } from '@banca/domain';

/** A campaign code as it appears in paths and filters (planned here or imported). */
export const campaignCodeSchema = z.string().trim().min(1).max(100);

export const conversionParamsSchema = z.object({ code: campaignCodeSchema });
export type ConversionParams = z.infer<typeof conversionParamsSchema>;

export const conversionDimensionSchema = z.enum(CONVERSION_DIMENSIONS);

/**
 * GET /api/v1/campaigns/:code/conversion: conversion of the audience, overall (`by=none`, the default) or
 * by the channel of each customer's latest contact, their outcome in an earlier campaign
 * (`previousCampaign`, required then) or their age band at the campaign start.
 */
export const conversionQuerySchema = z
  .object({
    by: conversionDimensionSchema.default('none'),
    previousCampaign: campaignCodeSchema.optional(),
  })
  .refine((q) => q.by !== 'previous_outcome' || q.previousCampaign !== undefined, {
    path: ['previousCampaign'],
    message: 'by=previous_outcome needs the code of the earlier campaign',
  });
export type ConversionQuery = z.infer<typeof conversionQuerySchema>;

const count = z.number().int().nonnegative();
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One arm of a group: its customers, those converted, the rate (null when empty) and its 95 % Wilson interval. */
export const conversionFigureSchema = z.object({
  customers: count,
  converted: count,
  rate: z.number().min(0).max(1).nullable(),
  interval: z.object({ low: z.number().min(0).max(1), high: z.number().min(0).max(1) }).nullable(),
});
export type ConversionFigureDto = z.infer<typeof conversionFigureSchema>;

const armsShape = { treatment: conversionFigureSchema, holdout: conversionFigureSchema };

export const conversionResponseSchema = z.object({
  campaign: z.object({
    code: z.string(),
    name: z.string(),
    /** platform: audience from the launch; imported: the customers with at least one of its events. */
    origin: z.enum(['platform', 'imported']),
    startDate: dateSchema,
    endDate: dateSchema,
    attributionDays: count,
    /** A sale counts when sold from startDate to windowEnd (endDate + attributionDays), both included. */
    windowEnd: dateSchema,
    productCodes: z.array(z.string()),
  }),
  by: conversionDimensionSchema,
  /** The earlier campaign of by=previous_outcome; null otherwise. */
  previousCampaign: z.string().nullable(),
  /**
   * One row per value of the dimension (none for by=none). Age bands and previous outcomes list every
   * value in order, zeros included; channels by audience size. `key` null: no channel recorded, no age known.
   */
  groups: z.array(z.object({ key: z.string().nullable(), ...armsShape })),
  total: z.object(armsShape),
  /** Whether the audience has a holdout; without one, uplift is not available (DATA.md). */
  hasHoldout: z.boolean(),
});
export type ConversionResponse = z.infer<typeof conversionResponseSchema>;
