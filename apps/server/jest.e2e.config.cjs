// Cross-process suites: they start the built server (nx builds it first) as real processes.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'server-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 60_000,
  maxWorkers: 1,
};
