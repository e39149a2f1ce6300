import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig, type AppConfig } from '@banca/config';
import { DomainError } from '@banca/domain';

function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // Loaded after the config check, so a wrong variable is reported before any module is loaded.
  const { createApiApp } = await import('./app.factory');
  const { runDemoBootstrap } = await import('./demo.bootstrap');
  const app = await createApiApp(config);
  app.enableShutdownHooks();
  if (config.demo) await runDemoBootstrap(app, (text) => process.stdout.write(text));
  await app.listen(config.port, config.host);
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  new Logger('Bootstrap').log(`Banca Insight listening on http://${shownHost}:${config.port} (API docs: /api/docs)`);
}

main().catch((error: unknown) => {
  if (error instanceof DomainError) {
    process.stderr.write(`Cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`Cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
