// The fan-out runs' front proxy as a process of its own, so that its CPU and memory are measured
// apart from the load generator's: tools/chaos/proxy.mjs, a TCP proxy that sends each new
// connection to the next instance in turn (PROXY_BACKENDS, their ports), with a listen queue of
// PROXY_BACKLOG. Started by proxy.mjs over an IPC channel: it says `ready` with its URL, answers
// `forwarded` with the connections each instance got, and closes on SIGTERM or when its parent
// goes away.
import { startProxy } from '../chaos/proxy.mjs';

const ports = (process.env['PROXY_BACKENDS'] ?? '').split(',').map(Number);
if (ports.length === 0 || ports.some((port) => !Number.isInteger(port) || port <= 0))
  throw new Error(`PROXY_BACKENDS must list ports, not "${process.env['PROXY_BACKENDS']}"`);
const proxy = await startProxy(ports, {
  backlog: Number(process.env['PROXY_BACKLOG']) || undefined,
});

/** @param {Record<string, unknown>} message */
const send = (message) => process.send?.(message);
let closing = false;
const close = () => {
  if (closing) return;
  closing = true;
  void proxy.close().finally(() => process.exit(0));
};
process.on('message', (/** @type {{ type?: string, id?: number }} */ message) => {
  if (message.type === 'forwarded')
    send({ type: 'forwarded', id: message.id, forwarded: proxy.forwarded() });
});
process.on('SIGTERM', close);
process.on('disconnect', close);
send({ type: 'ready', url: proxy.url });
