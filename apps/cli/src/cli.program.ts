import { NestFactory } from '@nestjs/core';
import { Command, CommanderError } from 'commander';
import { ConfigError, type AppConfig } from '@banca/config';
import { DomainError } from '@banca/domain';
import { CliModule } from './cli.module';
import type { CliContext, CliIo } from './cli.types';
import { commands } from './commands';

/** Exit codes: 1 configuration (or an unexpected failure), 2 a refusal from the domain (bad input, conflict, ...). */
export const EXIT_CONFIG = 1;
export const EXIT_DOMAIN = 2;

export interface CliRuntime {
  io: CliIo;
  loadConfig(): AppConfig;
}

export function buildProgram(runtime: CliRuntime): Command {
  let config: AppConfig | undefined;
  const context: CliContext = {
    io: runtime.io,
    config: () => (config ??= runtime.loadConfig()),
    async withApp(fn, appConfig) {
      const app = await NestFactory.createApplicationContext(CliModule.forRoot(appConfig ?? context.config()), {
        logger: ['error', 'warn'],
        abortOnError: false,
      });
      try {
        return await fn(app);
      } finally {
        await app.close();
      }
    },
  };
  const program = new Command('banca')
    .description('Banca Insight: bancassurance campaign analytics')
    .exitOverride()
    .configureOutput({ writeOut: (s) => runtime.io.out(s), writeErr: (s) => runtime.io.err(s) });
  for (const register of commands) register(program, context);
  return program;
}

/** Runs one command line (`argv` as in process.argv) and returns the exit code; expected errors print no stack. */
export async function runCli(argv: readonly string[], runtime: CliRuntime): Promise<number> {
  try {
    await buildProgram(runtime).parseAsync([...argv], { from: 'node' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ConfigError) {
      runtime.io.err(`${error.message}\n`);
      return EXIT_CONFIG;
    }
    if (error instanceof DomainError) {
      runtime.io.err(`Error: ${error.message}\n`);
      return EXIT_DOMAIN;
    }
    runtime.io.err(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
