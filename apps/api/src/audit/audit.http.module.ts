import { Module } from '@nestjs/common';
import { AuditModule } from '@banca/audit';
import { AuditController } from './audit.controller';

@Module({
  imports: [AuditModule],
  controllers: [AuditController],
})
export class AuditHttpModule {}
