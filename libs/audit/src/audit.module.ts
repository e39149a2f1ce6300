import { Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** Import it where state changes: it exports AuditService (and AuditLogService, the reading side). Needs DbModule (global). */
@Module({
  providers: [AuditRepository, AuditService, AuditLogService],
  exports: [AuditService, AuditLogService],
})
export class AuditModule {}
