import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import {
  createIngestionRequestSchema,
  INGESTION_ENCODINGS,
  INGESTION_ENTITIES,
  ingestionRunParamsSchema,
  listIngestionsQuerySchema,
  listRejectsQuerySchema,
  parseInput,
  type IngestionRejectListDto,
  type IngestionRunDto,
  type IngestionRunListDto,
} from '@banca/contracts';
import { ValidationError, type Actor } from '@banca/domain';
import { IngestionService } from '@banca/ingestion';
import { CurrentActor, Roles } from '../common/auth.decorators';
import {
  IngestionRejectListResponseDto,
  IngestionRunListResponseDto,
  IngestionRunResponseDto,
  ListIngestionsQueryDto,
  ListRejectsQueryDto,
} from './ingestion.dto';

/** What multer's disk storage hands over for the `file` field. */
interface UploadedFileInfo {
  path: string;
  originalname: string;
}

/** Partner files: upload one (it loads in a job), follow its run, read its rejects. */
@ApiTags('ingestions')
@Controller('ingestions')
export class IngestionController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post()
  @Roles('admin', 'marketing')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'entity'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'CSV (UTF-8 with or without BOM, or GBK; comma or semicolon)' },
        entity: { type: 'string', enum: [...INGESTION_ENTITIES] },
        pseudonymized: { type: 'boolean', description: 'customer_id values are already HMAC pseudonyms' },
        encoding: { type: 'string', enum: [...INGESTION_ENCODINGS], default: 'auto' },
      },
    },
  })
  @ZodResponse({ status: HttpStatus.ACCEPTED, description: 'Queued: poll the run for progress and counts', type: IngestionRunResponseDto })
  async create(
    @UploadedFile() file: UploadedFileInfo | undefined,
    // parsed in the handler, not by the global pipe, so multer's temporary file is removed on a bad request too
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
  ): Promise<IngestionRunDto> {
    if (!file) throw new ValidationError('a file is required (multipart field "file")', { field: 'file' });
    try {
      const request = parseInput(createIngestionRequestSchema, body, 'ingestion');
      return await this.ingestion.upload({ ...request, fileName: file.originalname, content: createReadStream(file.path), actor });
    } finally {
      // multer's temporary copy; the run's own copy is in the spool
      await rm(file.path, { force: true });
    }
  }

  @Get()
  @Roles('admin', 'marketing', 'manager')
  @ZodResponse({ type: IngestionRunListResponseDto })
  list(@Query() query: ListIngestionsQueryDto): Promise<IngestionRunListDto> {
    return this.ingestion.listRuns(parseInput(listIngestionsQuerySchema, query, 'query'));
  }

  @Get(':id')
  @Roles('admin', 'marketing', 'manager')
  @ZodResponse({ type: IngestionRunResponseDto })
  get(@Param('id') id: string): Promise<IngestionRunDto> {
    return this.ingestion.getRun(parseInput(ingestionRunParamsSchema, { id }, 'run id').id);
  }

  @Get(':id/rejects')
  @Roles('admin', 'marketing', 'manager')
  @ZodResponse({ type: IngestionRejectListResponseDto })
  rejects(@Param('id') id: string, @Query() query: ListRejectsQueryDto): Promise<IngestionRejectListDto> {
    const runId = parseInput(ingestionRunParamsSchema, { id }, 'run id').id;
    return this.ingestion.listRejects(runId, parseInput(listRejectsQuerySchema, query, 'query'));
  }
}
