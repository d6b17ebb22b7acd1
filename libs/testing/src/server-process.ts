import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The workspace, from the sources (the suites) or from dist/testing (the bench) alike. */
function workspaceRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no nx.json above ${from}`);
  }
}

const WORKSPACE_ROOT = workspaceRoot(__dirname);
export const BUILT_SERVER = join(WORKSPACE_ROOT, 'dist/server/apps/server/src/main.js');

/**
 * Ports freePort gave this process. A port is free only while probed: the system hands the same
 * one out again to the next probe, often before the caller's server has bound it, and two replicas
 * started together then got one port (seen in CI: EADDRINUSE, and the other's health check could
 * have answered for both).
 */
const handedOut = new Set<number>();

/** A port no other server listens on and that no earlier caller in this process was given. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = await portFreeNow();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error('no port this process has not handed out already');
}

async function portFreeNow(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  url: string;
  process: ChildProcess;
  output(): string;
  /** Resolves when the process has ended, however it ended. */
  exited: Promise<ServerExit>;
  /** SIGTERM, as an orchestrator stops a replica; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface ServerProcessOptions {
  /** Listen on this port (a replica restarted at its old address); a free port otherwise. */
  port?: number;
  /** Node's own flags, before the server's script (`--cpu-prof` …). */
  nodeArgs?: string[];
  /** Another script to run in the server's place, with the same health check (a bench's relay). */
  script?: string;
  /** How long the server may take to answer its health check (30 s unless said). */
  healthTimeoutMs?: number;
  /** Each chunk of output as it comes, besides what `output()` keeps. */
  onOutput?: (chunk: string) => void;
  /** After SIGTERM, SIGKILL once this long has passed without an exit (never, unless said). */
  killAfterMs?: number;
}

/** The built server as a real process, configured by its environment alone, as operators run it. */
export async function startServerProcess(
  env: Record<string, string>,
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const healthTimeoutMs = options.healthTimeoutMs ?? 30_000;
  const script = options.script ?? BUILT_SERVER;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    env: {
      PATH: process.env['PATH'] ?? '',
      LOG_LEVEL: 'warn',
      // Metrics have a port of their own; several servers run at once on a test machine.
      METRICS_PORT: '0',
      ...env,
      PORT: String(port),
    },
    cwd: WORKSPACE_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output += text;
    options.onOutput?.(text);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let ended: ServerExit | null = null;
  const exited = new Promise<ServerExit>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = { code, signal };
      resolve(ended);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + healthTimeoutMs;
  while (Date.now() < deadline) {
    if (ended) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    const healthy = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy) {
      return {
        url,
        process: child,
        output: () => output,
        exited,
        async stop() {
          if (ended) return ended.code;
          child.kill('SIGTERM');
          const timer = options.killAfterMs
            ? setTimeout(() => child.kill('SIGKILL'), options.killAfterMs)
            : undefined;
          const { code } = await exited;
          clearTimeout(timer);
          return code;
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become healthy within ${healthTimeoutMs / 1000} s:\n${output}`);
}
