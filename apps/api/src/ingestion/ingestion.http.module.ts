import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '@banca/config';
import { IngestionModule } from '@banca/ingestion';
import { IngestionController } from './ingestion.controller';

/** Upload size limit; larger files go through the CLI (`banca ingest`), which streams from disk. */
const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

@Module({
  imports: [
    IngestionModule,
    // Uploads stream to disk next to the spool, never into memory.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        dest: join(config.spoolDir, 'incoming'),
        limits: { files: 2, fileSize: MAX_UPLOAD_BYTES, fields: 10 },
      }),
    }),
  ],
  controllers: [IngestionController],
})
export class IngestionHttpModule {}
