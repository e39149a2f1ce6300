import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConflictError } from '@banca/domain';

export interface DataDirLock {
  release(): void;
}

/**
 * PGlite is a single-process database: two processes opening the same folder corrupt it.
 * A pid file makes the second one stop with a message instead.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = join(dataDir, 'banca.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        release: () => {
          try {
            unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new ConflictError(
          `The embedded database in ${dataDir} is in use by process ${holder}. Stop that process ` +
            '(or use the upload in the running platform), or set DATABASE_URL to share a PostgreSQL server.',
        );
      }
      unlinkSync(file); // stale lock from a process that died
    }
  }
  throw new ConflictError(`Could not lock the embedded database in ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
