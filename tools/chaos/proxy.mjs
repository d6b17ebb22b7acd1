// A TCP proxy on 127.0.0.1, as the deployment's load balancer: each new connection goes to the
// next backend in turn, skipping one that refuses. cut() drops every open connection and refuses
// new ones for a while: a screen's network cable pulled and plugged back. The bench's fan-out runs
// put it in front of their instances too (tools/bench/proxy-server.mjs, a process of its own).
import { once } from 'node:events';
import { connect, createServer } from 'node:net';

/** @param {number} port @returns {Promise<import('node:net').Socket | null>} */
function dial(port) {
  return new Promise((resolve) => {
    const upstream = connect({ host: '127.0.0.1', port });
    const fail = () => {
      upstream.destroy();
      resolve(null);
    };
    upstream.setTimeout(2_000, fail);
    upstream.once('error', fail);
    upstream.once('connect', () => {
      upstream.setTimeout(0);
      upstream.removeListener('error', fail);
      resolve(upstream);
    });
  });
}

/**
 * @param {number[]} backendPorts
 * @param {{ backlog?: number }} [options] `backlog`: the listen queue (Node's default, 511, unless
 *   given), for thousands of monitors connecting within a second
 */
export async function startProxy(backendPorts, { backlog } = {}) {
  /** @type {Set<import('node:net').Socket>} */
  const open = new Set();
  /** Connections forwarded to each backend so far, by its port. */
  const forwarded = new Map(backendPorts.map((port) => [port, 0]));
  let next = 0;
  let cutUntil = 0;

  /** @param {import('node:net').Socket} client */
  async function forward(client) {
    for (let tried = 0; tried < backendPorts.length; tried += 1) {
      const port = /** @type {number} */ (backendPorts[next % backendPorts.length]);
      next += 1;
      const upstream = await dial(port);
      if (!upstream) continue;
      if (client.destroyed) {
        upstream.destroy();
        return;
      }
      open.add(upstream);
      forwarded.set(port, (forwarded.get(port) ?? 0) + 1);
      const cut = () => {
        client.destroy();
        upstream.destroy();
      };
      upstream.on('error', cut).on('close', cut);
      client.on('close', cut);
      upstream.once('close', () => open.delete(upstream));
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      return;
    }
    client.destroy();
  }

  const server = createServer({ pauseOnConnect: true }, (client) => {
    client.on('error', () => client.destroy());
    if (Date.now() < cutUntil) {
      client.destroy();
      return;
    }
    open.add(client);
    client.once('close', () => open.delete(client));
    void forward(client);
  });
  server.listen({ port: 0, host: '127.0.0.1', ...(backlog ? { backlog } : {}) });
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    /** @returns {Record<number, number>} connections forwarded so far, by backend port */
    forwarded: () => Object.fromEntries(forwarded),
    /** @param {number} ms */
    cut(ms) {
      cutUntil = Date.now() + ms;
      open.forEach((socket) => socket.destroy());
    },
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      open.forEach((socket) => socket.destroy());
      await closed;
    },
  };
}
