import { Module } from '@nestjs/common';
import { SegmentationModule } from '@banca/segmentation';
import { SegmentsController } from './segments.controller';

@Module({
  imports: [SegmentationModule],
  controllers: [SegmentsController],
})
export class SegmentsHttpModule {}
