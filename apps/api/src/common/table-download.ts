import { Readable } from 'node:stream';
import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import type { TableExport } from '@banca/exports';

/** A figure table as an attachment (CSV or Arrow IPC, as the export built it). */
export function download(file: TableExport): StreamableFile {
  return new StreamableFile(Readable.from(file.body), {
    type: file.contentType,
    disposition: `attachment; filename="${file.fileName}"`,
  });
}

/**
 * The JSON response schema of a figure that also downloads with ?format=csv|arrow. ZodResponse types
 * the handler as returning JSON only; its serializer passes a StreamableFile through untouched.
 */
export function JsonOrDownload(json: MethodDecorator): MethodDecorator {
  return applyDecorators(json, ApiProduces('application/json', 'text/csv', 'application/vnd.apache.arrow.stream'));
}
