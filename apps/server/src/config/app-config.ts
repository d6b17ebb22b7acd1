import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

export interface AppConfig {
  port: number;
  database: DatabaseConfig;
  redisUrl: string | null;
  adminPassword: string | null;
  demo: boolean;
  production: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  corsOrigins: string[];
  dashboardDir: string;
  /** Login attempts per minute from one address. */
  loginRateLimit: number;
  /** Express `trust proxy`: how many proxies sit in front (0: none), to read the client address. */
  trustProxyHops: number;
  /** The clinic's IANA time zone: the one printed records show their times in, with its offset. */
  timeZone: string;
  /** VIGIL_SECRET: the token signing key is derived from it (null: kept in the database). */
  secret: string | null;
  /**
   * Starts every Redis key and stream of this deployment, so that two deployments sharing one
   * Redis never see each other's vitals, alerts, counters or leases.
   */
  redisPrefix: string;
  /** Prometheus metrics are served here only, never on the public port. */
  metricsPort: number;
  metricsHost: string;
  /** VIGIL_MLLP_PORT: HL7 v2 from monitor gateways is taken here (null: not at all). */
  mllpPort: number | null;
}

export class ConfigError extends Error {}

const DEFAULT_SQLITE_PATH = './data/vigil.sqlite';

const flag = z
  .enum(['0', '1', 'true', 'false'], { error: 'must be 1/true or 0/false' })
  .transform((value) => value === '1' || value === 'true');

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a port number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .refine(
      (url) => !url || url.startsWith('sqlite:') || /^postgres(ql)?:\/\/.+/.test(url),
      'must be sqlite:<path> or postgres://…',
    ),
  REDIS_URL: z
    .string()
    .trim()
    .optional()
    .refine((url) => !url || /^rediss?:\/\/.+/.test(url), 'must be redis://… or rediss://…'),
  VIGIL_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  VIGIL_DEMO: flag.default(false),
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: z.string().optional(),
  VIGIL_DASHBOARD_DIR: z.string().optional(),
  VIGIL_LOGIN_RATE_LIMIT: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(10),
  TRUST_PROXY_HOPS: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .default(0),
  VIGIL_TIME_ZONE: z
    .string()
    .trim()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris')
    .default('UTC'),
  VIGIL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  METRICS_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a port number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(9464),
  METRICS_HOST: z.string().trim().default('127.0.0.1'),
  VIGIL_MLLP_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a port number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .optional(),
  VIGIL_REDIS_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9:._-]{1,64}$/, 'must be 1–64 letters, digits, : . _ or -')
    .optional(),
});

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * One deployment is one database: without VIGIL_REDIS_PREFIX, the prefix names the database
 * (PostgreSQL's host, port and name, without credentials; SQLite's file), so that two deployments
 * on one Redis differ by default and the replicas of one agree.
 */
function defaultRedisPrefix(database: DatabaseConfig): string {
  let identity: string;
  if (database.type === 'sqlite') {
    identity = `sqlite:${database.path}`;
  } else {
    const url = new URL(database.url);
    identity = `postgres://${url.hostname}:${url.port || '5432'}${url.pathname}`;
  }
  return `vigil:${createHash('sha256').update(identity).digest('hex').slice(0, 12)}`;
}

function databaseConfig(url: string | undefined): DatabaseConfig {
  if (!url) return { type: 'sqlite', path: resolve(DEFAULT_SQLITE_PATH) };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    return { type: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  return { type: 'postgres', url };
}

/**
 * Reads the environment once, at boot. Everything else gets an AppConfig: no other module reads
 * process.env, so what Vigil runs with is exactly what this function accepted.
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const vars = parsed.data;
  const production = vars.NODE_ENV === 'production';
  const database = databaseConfig(vars.DATABASE_URL);
  if (vars.VIGIL_DEMO && production) {
    throw new ConfigError(
      'Invalid configuration: VIGIL_DEMO is refused when NODE_ENV=production (demo users have known passwords)',
    );
  }
  return {
    port: vars.PORT,
    database,
    redisUrl: vars.REDIS_URL ?? null,
    adminPassword: vars.VIGIL_ADMIN_PASSWORD ?? null,
    demo: vars.VIGIL_DEMO,
    production,
    logLevel: vars.LOG_LEVEL,
    corsOrigins: (vars.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    dashboardDir: resolve(vars.VIGIL_DASHBOARD_DIR ?? 'dist/dashboard'),
    loginRateLimit: vars.VIGIL_LOGIN_RATE_LIMIT,
    trustProxyHops: vars.TRUST_PROXY_HOPS,
    timeZone: vars.VIGIL_TIME_ZONE,
    secret: vars.VIGIL_SECRET ?? null,
    redisPrefix: vars.VIGIL_REDIS_PREFIX ?? defaultRedisPrefix(database),
    metricsPort: vars.METRICS_PORT,
    metricsHost: vars.METRICS_HOST,
    mllpPort: vars.VIGIL_MLLP_PORT ?? null,
  };
}
