export * from './browser';
export * from './server-process';
export * from './tcp-failover-proxy';
export * from './clinical-fixtures';
