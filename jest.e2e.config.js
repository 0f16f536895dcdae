// End-to-end suites: the real API, worker, Temporal dev server, PostgreSQL, Redis and an SMTP sink.
import unit from './jest.config.js';

export default {
  ...unit,
  testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 90_000,
  maxWorkers: 1,
};
