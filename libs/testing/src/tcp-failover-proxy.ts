import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';

export interface TcpFailoverProxy {
  /** `http://127.0.0.1:<port>`: what clients connect to instead of a replica. */
  url: string;
  /** The backends, in order of preference, for connections accepted from now on. */
  setBackends(urls: string[]): void;
  /** The backend each accepted connection was forwarded to, in order (null: none was live). */
  readonly routes: ReadonlyArray<string | null>;
  /**
   * Holds new connections (accepted, not yet forwarded) until release(): a failover that takes a
   * while, so that a test can act while a client is certainly away.
   */
  hold(): void;
  release(): void;
  /** Stops listening and cuts every open connection. */
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 2_000;

function endpoint(url: string): { host: string; port: number } {
  const { hostname, port } = new URL(url);
  return { host: hostname, port: Number(port) };
}

/** Resolves with a connected socket to the backend, or null when it refuses or does not answer. */
function dial(url: string): Promise<Socket | null> {
  return new Promise((resolve) => {
    const upstream = connect(endpoint(url));
    const fail = () => {
      upstream.destroy();
      resolve(null);
    };
    upstream.setTimeout(CONNECT_TIMEOUT_MS, fail);
    upstream.once('error', fail);
    upstream.once('connect', () => {
      upstream.setTimeout(0);
      upstream.removeListener('error', fail);
      resolve(upstream);
    });
  });
}

/**
 * A TCP proxy in front of replicas, as the deployment's nginx is: each new connection goes to the
 * first backend in the list that accepts it, so when that replica stops, reconnecting clients land
 * on a surviving one (and come back to it for new connections once it is up again). One
 * connection stays on one backend for its life, as a WebSocket does behind a sticky proxy.
 */
export async function startTcpFailoverProxy(backends: string[]): Promise<TcpFailoverProxy> {
  let order = [...backends];
  const routes: Array<string | null> = [];
  const open = new Set<Socket>();
  let held: Socket[] | null = null;

  async function forward(client: Socket): Promise<void> {
    for (const backend of order) {
      if (client.destroyed) return;
      const upstream = await dial(backend);
      if (!upstream) continue;
      if (client.destroyed) {
        upstream.destroy();
        return;
      }
      routes.push(backend);
      open.add(upstream);
      const cut = () => {
        client.destroy();
        upstream.destroy();
      };
      upstream.on('error', cut).on('close', cut);
      client.on('close', cut);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      upstream.once('close', () => open.delete(upstream));
      return;
    }
    routes.push(null);
    client.destroy();
  }

  const server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    if (held) held.push(client);
    else void forward(client);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    setBackends(urls) {
      order = [...urls];
    },
    hold() {
      held ??= [];
    },
    release() {
      const waiting = held ?? [];
      held = null;
      waiting.forEach((client) => void forward(client));
    },
    async close() {
      held = null;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      open.forEach((socket) => socket.destroy());
      await closed;
    },
  };
}
