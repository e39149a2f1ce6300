import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@banca/config';
import { createDatabase, type DatabaseHandle } from './database';

/** Injection token of the DatabaseHandle; `DATABASE` gives the drizzle Database alone. */
export const DATABASE_HANDLE = Symbol('DATABASE_HANDLE');
export const DATABASE = Symbol('DATABASE');

@Global()
@Module({
  providers: [
    {
      provide: DATABASE_HANDLE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const handle = await createDatabase(config.database);
        await handle.migrate();
        return handle;
      },
    },
    { provide: DATABASE, inject: [DATABASE_HANDLE], useFactory: (handle: DatabaseHandle) => handle.db },
  ],
  exports: [DATABASE_HANDLE, DATABASE],
})
export class DbModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_HANDLE) private readonly handle: DatabaseHandle) {}

  async onApplicationShutdown(): Promise<void> {
    await this.handle.close();
  }
}
