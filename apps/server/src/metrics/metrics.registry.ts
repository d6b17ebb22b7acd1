import { collectDefaultMetrics, Registry } from 'prom-client';

/** One registry per app instance, so that several instances in one test process never collide. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vigil_' });
  return registry;
}
