// The chaos run's own PostgreSQL cluster and Redis, on ports of their own under a temp directory,
// so that restarting or stopping them never disturbs the shared services other suites use.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { onCleanup } from '../bench/cleanup.mjs';

/** @param {string} command @param {string[]} args */
const asPostgres = (command, args) =>
  process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];

/** @param {string} command @param {string[]} args */
function run(command, args) {
  const [program, programArgs] = /** @type {[string, string[]]} */ (asPostgres(command, args));
  const result = spawnSync(program, programArgs, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  }
}

/** @param {() => boolean} ready @param {number} timeoutMs @param {string} what */
async function waitUntil(ready, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (ready()) return;
    await sleep(200);
  }
  throw new Error(`${what} not ready within ${timeoutMs} ms`);
}

function postgresBin() {
  const versions = execFileSync('ls', ['/usr/lib/postgresql'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('no PostgreSQL under /usr/lib/postgresql');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

/**
 * @param {string} dir a fresh directory
 * @param {number} port
 */
export async function startPostgres(dir, port) {
  const bin = postgresBin();
  const data = join(dir, 'pgdata');
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const isReady = () =>
    spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]).status === 0;
  const cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/vigil`,
    async start() {
      run(join(bin, 'pg_ctl'), [
        '-D',
        data,
        '-o',
        options,
        '-l',
        join(dir, 'pg.log'),
        '-w',
        'start',
      ]);
      await waitUntil(isReady, 30_000, 'PostgreSQL');
    },
    /** @param {'fast' | 'immediate'} mode immediate: as a crash, no checkpoint */
    stop(mode) {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop']);
    },
  };
  await cluster.start();
  run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'vigil']);
  onCleanup('chaos PostgreSQL', () => {
    if (existsSync(join(data, 'postmaster.pid'))) cluster.stop('immediate');
  });
  return cluster;
}

/**
 * Started with the same command line as .ci/run (no persistence), on a port of its own.
 * @param {string} dir
 * @param {number} port
 */
export async function startRedis(dir, port) {
  mkdirSync(dir, { recursive: true });
  const args = [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--logfile',
    join(dir, 'redis.log'),
  ];
  const ping = () =>
    spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], {
      encoding: 'utf8',
    }).stdout?.trim() === 'PONG';
  const redis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      execFileSync('redis-server', args);
      await waitUntil(ping, 10_000, 'Redis');
    },
    stop() {
      spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'shutdown', 'nosave']);
    },
  };
  await redis.start();
  onCleanup('chaos Redis', () => redis.stop());
  return redis;
}
