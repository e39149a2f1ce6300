import type { INestApplicationContext } from '@nestjs/common';
import type { Command } from 'commander';
import type { AppConfig } from '@banca/config';

/** Where a command writes and reads; the process streams in `main.ts`, buffers in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** All of standard input (for secrets such as `--password-stdin`). */
  readStdin(): Promise<string>;
}

export interface CliContext {
  io: CliIo;
  /** The validated configuration (loaded once; throws ConfigError). */
  config(): AppConfig;
  /**
   * Runs `fn` in a fresh Nest application context (CliModule), closed afterwards; on the validated
   * configuration, or on `config` when a command derives its own (e.g. the bench's temporary database).
   */
  withApp<T>(fn: (app: INestApplicationContext) => Promise<T>, config?: AppConfig): Promise<T>;
}

/** A command file's export: adds its command(s) to the `banca` program. */
export type CliCommand = (program: Command, context: CliContext) => void;
