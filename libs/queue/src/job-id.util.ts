import { ValidationError } from '@banca/domain';
import { QueueName } from './job.types';

const QUEUE_NAMES = new Set<string>(Object.values(QueueName));

/** The id callers see: the queue first, so `getJob` knows where to look (`ingestion:42`). */
export function toJobId(queue: QueueName, localId: string): string {
  return `${queue}:${localId}`;
}

export function parseJobId(id: string): { queue: QueueName; localId: string } | null {
  const colon = id.indexOf(':');
  if (colon <= 0 || colon === id.length - 1) return null;
  const queue = id.slice(0, colon);
  if (!QUEUE_NAMES.has(queue)) return null;
  return { queue: queue as QueueName, localId: id.slice(colon + 1) };
}

/**
 * BullMQ refuses integer ids (they collide with its own counter) and ids with ':' (its key separator);
 * both runners apply the same rule so a jobId that works embedded also works on Redis.
 */
export function assertCustomJobId(jobId: string): void {
  if (jobId.length === 0 || jobId.length > 200) {
    throw new ValidationError('must be 1 to 200 characters', { field: 'jobId' });
  }
  if (/^-?\d+$/.test(jobId)) throw new ValidationError('must not be an integer', { field: 'jobId' });
  if (jobId.includes(':')) throw new ValidationError('must not contain ":"', { field: 'jobId' });
}
