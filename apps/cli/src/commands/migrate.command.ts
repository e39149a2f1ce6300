import { appliedMigrations, createDatabase, shippedMigrations } from '@banca/db';
import type { CliCommand } from '../cli.types';

export const migrateCommand: CliCommand = (program, { io, config }) => {
  program
    .command('migrate')
    .description('Apply the database migrations this build ships (the api and workers also do it at start-up)')
    .action(async () => {
      const { database } = config();
      const handle = await createDatabase(database);
      try {
        const before = new Set(await appliedMigrations(handle));
        await handle.migrate();
        const applied = (await appliedMigrations(handle)).filter((tag) => !before.has(tag));
        const where = database.kind === 'pglite' ? `embedded database in ${database.dataDir}` : 'PostgreSQL database';
        for (const tag of applied) io.out(`applied ${tag}\n`);
        io.out(
          applied.length > 0
            ? `Applied ${applied.length} migration(s) to the ${where}.\n`
            : `The ${where} is up to date (${shippedMigrations().length} migrations); nothing to apply.\n`,
        );
      } finally {
        await handle.close();
      }
    });
};
