import { z } from 'zod';

/** Every environment variable the platform reads. `.env.example` lists the same names. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    BANCA_QUEUE_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, _ and - only').default('banca'),
    BANCA_DATA_DIR: z.string().min(1).default('./.banca/data'),
    BANCA_PSEUDONYM_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64,}$/, 'must be at least 32 bytes written as hex (64+ hex characters)')
      .optional(),
    BANCA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BANCA_SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    BANCA_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
    BANCA_RUN_JOBS_IN_API: z.enum(['auto', 'true', 'false']).default('auto'),
    BANCA_INGEST_MAX_REJECT_SHARE: z.coerce.number().min(0).max(1).default(0.5),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.BANCA_PSEUDONYM_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['BANCA_PSEUDONYM_KEY'],
        message: 'is required when DATABASE_URL is set (partners share this key; it cannot be generated per host)',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;
