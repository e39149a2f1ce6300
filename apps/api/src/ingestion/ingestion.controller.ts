import { createReadStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  StreamableFile,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import {
  createIngestionRequestSchema,
  INGESTION_ENCODINGS,
  INGESTION_ENTITIES,
  INGESTION_FORMATS,
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

/** What multer's disk storage hands over for a file part. */
interface UploadedFileInfo {
  path: string;
  originalname: string;
}

/** The file parts of an upload: the data file, and optionally a mapping file. */
interface UploadedParts {
  file?: UploadedFileInfo[];
  mapping?: UploadedFileInfo[];
}

const MAX_MAPPING_BYTES = 64 * 1024;

/** Partner files: upload one (it loads in a job), follow its run, read its rejects. */
@ApiTags('ingestions')
@Controller('ingestions')
export class IngestionController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post()
  @Roles('admin', 'marketing')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseInterceptors(FileFieldsInterceptor([{ name: 'file', maxCount: 1 }, { name: 'mapping', maxCount: 1 }]))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'entity'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: 'CSV (UTF-8 with or without BOM, or GBK; comma or semicolon), NDJSON, or Arrow IPC (file or stream)',
        },
        entity: { type: 'string', enum: [...INGESTION_ENTITIES] },
        format: { type: 'string', enum: [...INGESTION_FORMATS], default: 'auto', description: 'auto: by extension, else by content' },
        encoding: { type: 'string', enum: [...INGESTION_ENCODINGS], default: 'auto', description: 'text files; utf8 is accepted too' },
        pseudonymized: { type: 'boolean', description: 'customer_id values are already HMAC pseudonyms' },
        mapping: {
          type: 'string',
          description: 'A mapping (docs/mapping-files.md) as JSON text, or as a file part of the same name',
        },
      },
    },
  })
  @ZodResponse({ status: HttpStatus.ACCEPTED, description: 'Queued: poll the run for progress and counts', type: IngestionRunResponseDto })
  async create(
    @UploadedFiles() parts: UploadedParts | undefined,
    // parsed in the handler, not by the global pipe, so multer's temporary files are removed on a bad request too
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
  ): Promise<IngestionRunDto> {
    const file = parts?.file?.[0];
    const mappingFile = parts?.mapping?.[0];
    try {
      if (!file) throw new ValidationError('a file is required (multipart field "file")', { field: 'file' });
      if (mappingFile && body.mapping !== undefined) {
        throw new ValidationError('send the mapping as a file or as a text field, not both', { field: 'mapping' });
      }
      const mapping = mappingFile ? await readMappingFile(mappingFile) : body.mapping;
      const request = parseInput(createIngestionRequestSchema, { ...body, mapping }, 'ingestion');
      return await this.ingestion.upload({ ...request, fileName: file.originalname, content: createReadStream(file.path), actor });
    } finally {
      // multer's temporary copies; the run's own copy is in the spool
      await Promise.all([file, mappingFile].map((part) => (part ? rm(part.path, { force: true }) : undefined)));
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

  @Get(':id/rejects.csv')
  @Roles('admin', 'marketing', 'manager')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'All rejects of the run as CSV (UTF-8 with BOM): line (or row, for Arrow files), field, value, reason',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async rejectsCsv(@Param('id') id: string): Promise<StreamableFile> {
    const csv = await this.ingestion.rejectsCsv(parseInput(ingestionRunParamsSchema, { id }, 'run id').id);
    return new StreamableFile(Readable.from(csv.content), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${csv.fileName}"`,
    });
  }

  @Get(':id/rejects')
  @Roles('admin', 'marketing', 'manager')
  @ZodResponse({ type: IngestionRejectListResponseDto })
  rejects(@Param('id') id: string, @Query() query: ListRejectsQueryDto): Promise<IngestionRejectListDto> {
    const runId = parseInput(ingestionRunParamsSchema, { id }, 'run id').id;
    return this.ingestion.listRejects(runId, parseInput(listRejectsQuerySchema, query, 'query'));
  }
}

async function readMappingFile(part: UploadedFileInfo): Promise<string> {
  if ((await stat(part.path)).size > MAX_MAPPING_BYTES) {
    throw new ValidationError('the mapping file is larger than 64 KB', { file: part.originalname, field: 'mapping' });
  }
  return readFile(part.path, 'utf8');
}
