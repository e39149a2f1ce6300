import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';

/** HTTP side of the job system; the JobQueue comes from the global QueueModule the app imports. */
@Module({ controllers: [JobsController] })
export class JobsHttpModule {}
