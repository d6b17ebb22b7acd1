import { Socket } from 'node:net';

/**
 * The real services the suites run against. Outside CI a suite whose service does not answer is
 * skipped with a message; with VIGIL_REQUIRE_<NAME>=1 (what .ci/run sets) it fails instead.
 */
export const POSTGRES_ADMIN_URL =
  process.env['VIGIL_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_TEST_URL = process.env['VIGIL_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export type ServiceName = 'postgres' | 'redis';

const AVAILABLE_FLAG: Record<ServiceName, string> = {
  postgres: 'VIGIL_TEST_POSTGRES_AVAILABLE',
  redis: 'VIGIL_TEST_REDIS_AVAILABLE',
};

const REQUIRED_FLAG: Record<ServiceName, string> = {
  postgres: 'VIGIL_REQUIRE_POSTGRES',
  redis: 'VIGIL_REQUIRE_REDIS',
};

function portAnswers(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(port || defaultPort), hostname, () => done(true));
  });
}

/** Called from jest's globalSetup; the flags it sets reach every test worker. */
export async function probeServices(): Promise<void> {
  const answers: Record<ServiceName, boolean> = {
    postgres: await portAnswers(POSTGRES_ADMIN_URL, 5432),
    redis: await portAnswers(REDIS_TEST_URL, 6379),
  };
  for (const name of Object.keys(answers) as ServiceName[]) {
    if (answers[name]) {
      process.env[AVAILABLE_FLAG[name]] = '1';
    } else if (process.env[REQUIRED_FLAG[name]] === '1') {
      throw new Error(`${name} is required (${REQUIRED_FLAG[name]}=1) but does not answer`);
    } else {
      console.warn(`\n[vigil] ${name} does not answer: its suites are SKIPPED in this run.\n`);
    }
  }
}

export function serviceAvailable(name: ServiceName): boolean {
  return process.env[AVAILABLE_FLAG[name]] === '1';
}
