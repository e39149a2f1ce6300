import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@banca/config';

/** Where uploaded files wait for their ingestion job: `<spoolDir>/<runId>`, shared by api and workers. */
@Injectable()
export class SpoolStorage {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  pathFor(runId: string): string {
    return join(this.config.spoolDir, runId);
  }

  /** Streams the content to the run's spool file; it appears complete or not at all. Returns its size. */
  async write(runId: string, content: Readable | AsyncIterable<Uint8Array | string>): Promise<number> {
    await mkdir(this.config.spoolDir, { recursive: true });
    const target = this.pathFor(runId);
    const partial = `${target}.partial`;
    try {
      await pipeline(content, createWriteStream(partial, { mode: 0o600 }));
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return (await stat(target)).size;
  }

  /** Size of the run's spool file, or null when there is none (loaded already, or never spooled). */
  async size(runId: string): Promise<number | null> {
    try {
      return (await stat(this.pathFor(runId))).size;
    } catch {
      return null;
    }
  }

  async remove(runId: string): Promise<void> {
    await rm(this.pathFor(runId), { force: true });
  }
}
