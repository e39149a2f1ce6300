import { Module } from '@nestjs/common';
import { ConversionRepository } from './conversion.repository';
import { ConversionService } from './conversion.service';

/** Campaign figures computed from the canonical tables. Needs the global ConfigModule and DbModule. */
@Module({
  providers: [ConversionService, ConversionRepository],
  exports: [ConversionService],
})
export class AnalyticsModule {}
