// Shared Jest settings. Tests import sibling packages from source, so a test run never needs a build first.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.spec.json') }],
  },
  moduleNameMapper: {
    '^@rnnkit/([a-z0-9-]+)$': path.join(__dirname, 'packages/$1/src/index.ts'),
  },
  testTimeout: 60000,
};
module.exports.reporters = ['default', path.join(__dirname, 'tools/jest-count-reporter.cjs')];
