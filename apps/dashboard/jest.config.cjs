const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'dashboard',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  clearMocks: true,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
  setupFilesAfterEnv: ['<rootDir>/test/jest.setup.ts'],
  moduleNameMapper: {
    ...preset.moduleNameMapper,
    '\\.css$': '<rootDir>/test/style-stub.cjs',
  },
};
