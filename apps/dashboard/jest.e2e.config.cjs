// Browser suites: Debian's Chromium driven by playwright-core against the built server, which
// serves the built dashboard (nx builds both first).
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'dashboard-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
  testTimeout: 60_000,
  setupFilesAfterEnv: ['<rootDir>/e2e/support/retry-once.ts'],
  maxWorkers: 1,
};
