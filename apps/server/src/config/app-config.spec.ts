import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to port 3000 and the embedded SQLite file', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({
      type: 'sqlite',
      path: expect.stringMatching(/data\/vigil\.sqlite$/),
    });
    expect(config.redisUrl).toBeNull();
    expect(config.demo).toBe(false);
  });

  it('reads a PostgreSQL URL, a SQLite path and a Redis URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://u@h:5432/db',
    });
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).database).toEqual({
      type: 'sqlite',
      path: '/tmp/x.sqlite',
    });
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    );
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ VIGIL_ADMIN_PASSWORD: 'short' }, 'VIGIL_ADMIN_PASSWORD'],
    [{ VIGIL_DEMO: 'yes' }, 'VIGIL_DEMO'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ VIGIL_TIME_ZONE: 'Mars/Olympus_Mons' }, 'VIGIL_TIME_ZONE'],
  ])('refuses %p naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('reads the clinic time zone, UTC unless set', () => {
    expect(loadConfig({}).timeZone).toBe('UTC');
    expect(loadConfig({ VIGIL_TIME_ZONE: 'Europe/Paris' }).timeZone).toBe('Europe/Paris');
  });

  it('refuses demo mode in production', () => {
    expect(() => loadConfig({ VIGIL_DEMO: '1', NODE_ENV: 'production' })).toThrow(/VIGIL_DEMO/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ REDIS_URL: '', DATABASE_URL: '' }).redisUrl).toBeNull();
  });
});
