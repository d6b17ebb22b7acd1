import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap/create-app';
import { ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port);
  Logger.log(
    `Vigil listening on port ${config.port} (${config.database.type}, ${config.redisUrl ? 'Redis fan-out' : 'in-process fan-out'}${config.demo ? ', demo ward' : ''})`,
    'Main',
  );
}

main().catch((error: unknown) => {
  // A configuration problem names the variable; anything else is a start-up failure.
  const message =
    error instanceof ConfigError
      ? error.message
      : `Vigil failed to start: ${(error as Error).stack ?? String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
