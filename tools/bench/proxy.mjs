import { fork } from 'node:child_process';
import { once } from 'node:events';
import { onCleanup } from './cleanup.mjs';

const READY_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;
/** Thousands of monitors connect within the first second of the load (the kernel caps it). */
const BACKLOG = 4096;

/**
 * The fan-out runs' round-robin front (proxy-server.mjs, tools/chaos/proxy.mjs in a process of
 * its own) in front of `backendPorts`, as the deployment's proxy is in front of its replicas.
 * @param {number[]} backendPorts
 */
export async function startFrontProxy(backendPorts) {
  const child = fork(new URL('./proxy-server.mjs', import.meta.url).pathname, [], {
    env: {
      PATH: process.env['PATH'] ?? '',
      PROXY_BACKENDS: backendPorts.join(','),
      PROXY_BACKLOG: String(BACKLOG),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pid = /** @type {number} */ (child.pid);
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const exited = once(child, 'exit').then(() => process.off('exit', killOnExit));

  /** Answers awaited from the proxy, by the id of the question. */
  /** @type {Map<number, (forwarded: Record<string, number>) => void>} */
  const waitingForCounts = new Map();
  let asked = 0;
  /** @type {Promise<string>} */
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the proxy did not start within ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    );
    child.on(
      'message',
      (/** @type {{ type: string, url?: string, id?: number, forwarded?: any }} */ message) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve(String(message.url));
        } else if (message.type === 'forwarded')
          waitingForCounts.get(Number(message.id))?.(message.forwarded);
      },
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the proxy exited with ${code} before it was ready`));
    });
  });
  const stop = onCleanup(`stop proxy pid ${pid}`, async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  });
  let url;
  try {
    url = await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    pid,
    url,
    /**
     * Connections forwarded so far to each backend, in the order of `backendPorts`; nulls if the
     * proxy does not answer within 5 s. @returns {Promise<Array<number | null>>}
     */
    forwarded() {
      return new Promise((resolve) => {
        const none = () => resolve(backendPorts.map(() => null));
        if (!child.connected) return none();
        const id = ++asked;
        const timer = setTimeout(() => {
          waitingForCounts.delete(id);
          none();
        }, 5_000);
        waitingForCounts.set(id, (forwarded) => {
          clearTimeout(timer);
          waitingForCounts.delete(id);
          resolve(backendPorts.map((port) => forwarded[String(port)] ?? 0));
        });
        child.send({ type: 'forwarded', id });
      });
    },
    stop,
  };
}
