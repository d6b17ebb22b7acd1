import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
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

/**
 * Where freePort looks: just below the system's ephemeral range. A port the system picks (a probe
 * on port 0) is in that range, and so is the local port of every outgoing connection: a replica's
 * connection to PostgreSQL or Redis took a port between its probe and another replica's bind
 * (seen in CI: EADDRINUSE on a port this process had handed out once). Outgoing connections
 * never take a port below the range, and a random pick there seldom meets another process's.
 */
const PORTS = belowEphemeralRange();

function belowEphemeralRange(): { low: number; high: number } | null {
  let ephemeralLow = 32_768;
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/);
    ephemeralLow = Number(low) || ephemeralLow;
  } catch {
    // not Linux: IANA's dynamic range starts at 49152, and 32768 is Linux's default
  }
  const high = ephemeralLow - 1;
  const low = Math.max(10_000, high - 12_000);
  // A system whose ephemeral range starts low leaves no room: the system picks, as before.
  return high - low >= 1_000 ? { low, high } : null;
}

/** A port no other server listens on and that no earlier caller in this process was given. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const pick = PORTS ? PORTS.low + Math.floor(Math.random() * (PORTS.high - PORTS.low + 1)) : 0;
    const port = await listensOn(pick);
    if (port === null || handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error('no free port that this process has not handed out already');
}

/** Listens on the port (0: one the system picks) on every address as a server does, then stops. */
async function listensOn(port: number): Promise<number | null> {
  const server = createServer();
  server.listen(port);
  try {
    await once(server, 'listening');
  } catch {
    return null;
  }
  const { port: bound } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return bound;
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
