import { SetMetadata } from '@nestjs/common';
import type { JobName } from './job.types';

export const ON_JOB_METADATA = 'banca:on-job';

/**
 * Marks a feature service method as the one handler of a job (as immich's @OnJob). The method gets
 * `(payload, context)`; it must be idempotent. Handlers are discovered and checked at boot.
 */
export const OnJob = (name: JobName): MethodDecorator => SetMetadata(ON_JOB_METADATA, name);
