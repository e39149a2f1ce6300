import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** Needs DbModule and QueueModule (both global). */
@Module({ controllers: [HealthController] })
export class HealthHttpModule {}
