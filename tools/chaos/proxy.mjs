// A TCP proxy on 127.0.0.1, as the deployment's load balancer: each new connection goes to the
// next backend in turn, skipping one that refuses. cut() drops every open connection and refuses
// new ones for a while: a screen's network cable pulled and plugged back.
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

/** @param {number[]} backendPorts */
export async function startProxy(backendPorts) {
  /** @type {Set<import('node:net').Socket>} */
  const open = new Set();
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
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
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
