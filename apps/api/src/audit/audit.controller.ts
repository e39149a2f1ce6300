import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { AuditLogService } from '@banca/audit';
import { auditLogExportQuerySchema, auditLogQuerySchema, parseInput, type AuditLogListResponse } from '@banca/contracts';
import { Roles } from '../common/auth.decorators';
import { AuditLogExportQueryDto, AuditLogListResponseDto, AuditLogQueryDto } from './audit.dto';

/** The append-only audit log: who did what, as which role, before → after, with the request id. */
@ApiTags('audit')
@Roles('compliance', 'admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly auditLog: AuditLogService) {}

  /** Entries under the filters, newest first, with the actor's name. */
  @Get()
  @ZodResponse({ type: AuditLogListResponseDto })
  list(@Query() query: AuditLogQueryDto): Promise<AuditLogListResponse> {
    return this.auditLog.list(parseInput(auditLogQuerySchema, query, 'query'));
  }

  /** Every entry under the same filters as CSV (formula-safe cells, before/after as JSON text) or Arrow IPC, streamed. */
  @Get('export')
  @ApiProduces('text/csv', 'application/vnd.apache.arrow.stream')
  @ApiOkResponse({ description: 'CSV (UTF-8 with BOM) or Arrow IPC stream, newest entry first' })
  export(@Query() query: AuditLogExportQueryDto): StreamableFile {
    const file = this.auditLog.export(parseInput(auditLogExportQuerySchema, query, 'query'));
    return new StreamableFile(Readable.from(file.body), { type: file.contentType, disposition: `attachment; filename="${file.fileName}"` });
  }
}
