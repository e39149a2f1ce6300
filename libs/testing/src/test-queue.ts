import { Redis } from 'ioredis';
import type { AppConfig } from '@banca/config';

/** Deletes every BullMQ key under the test's queue prefix (no-op on the in-process queue). */
export async function clearTestQueues(config: AppConfig): Promise<void> {
  if (config.queue.kind !== 'bullmq') return;
  const redis = new Redis(config.queue.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.queue.prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
