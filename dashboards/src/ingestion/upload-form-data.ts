import { mappingInputSchema, type createIngestionRequestSchema, type IngestionMapping } from '@banca/contracts';
import type { z } from 'zod';

/** The form fields of POST /ingestions as the contract takes them, the mapping sent as its JSON text. */
export type UploadFields = Omit<z.input<typeof createIngestionRequestSchema>, 'mapping'> & { mapping?: string };

/**
 * The multipart body of an upload: the contract's fields as text parts (multipart has no booleans), then
 * the file last, so the server has read every option before the file's bytes arrive.
 */
export function uploadFormData(fields: UploadFields, file: Blob, fileName: string): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    form.set(name, String(value));
  }
  form.set('file', file, fileName);
  return form;
}

export type MappingCheck = { ok: true; mapping: IngestionMapping } | { ok: false; problems: string[] };

/**
 * A mapping file read as the server will read it, so a typo shows next to the file picker before the
 * upload; the server checks the columns against the file's header itself.
 */
export function checkMappingText(text: string): MappingCheck {
  const parsed = mappingInputSchema.safeParse(text);
  if (parsed.success) return { ok: true, mapping: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message)),
  };
}
