import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap/create-app';
import { ConfigError, loadConfig } from './config/app-config';

/** Orchestrators kill after 30 s by default; give up first, and say so. */
const SHUTDOWN_DEADLINE_MS = 20_000;
/**
 * Connections the kernel holds for us while the event loop is busy. Node's 511 is too few when a
 * replica restarts and every monitor of a ward reconnects at once: past it, connections are
 * refused or their SYNs dropped, and each retry costs a monitor 1 s, then 3 s, before it can post.
 * The kernel caps it at net.core.somaxconn.
 */
const LISTEN_BACKLOG = 4_096;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  const shutDown = (signal: NodeJS.Signals) => {
    setTimeout(() => {
      process.stderr.write(
        `shutdown after ${signal} took over ${SHUTDOWN_DEADLINE_MS} ms: exiting\n`,
      );
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // Stop accepting work, let requests in flight finish (their readings are durable by the
    // time they answer), close sockets, Redis and the database, then exit 0 for the orchestrator.
    void app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown after ${signal} failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
  // Nest hands its first argument to http.Server#listen, which also takes an options object.
  await app.listen({ port: config.port, backlog: LISTEN_BACKLOG } as unknown as number);
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
