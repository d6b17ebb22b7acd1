// One transform for every project: swc keeps the suites fast and understands
// the decorator metadata NestJS and TypeORM rely on.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true, decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            react: { runtime: 'automatic' },
          },
          target: 'es2022',
        },
      },
    ],
  },
  moduleNameMapper: {
    '^@vigil/shared$': path.join(__dirname, 'libs/shared/src/index.ts'),
    '^@vigil/testing$': path.join(__dirname, 'libs/testing/src/index.ts'),
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  reporters: ['default', path.join(__dirname, 'tools/jest-tally-reporter.cjs')],
};
