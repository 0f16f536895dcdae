// The chaos suite: a platform of its own (PostgreSQL, Redis, Temporal, API, worker, mail sink) whose
// processes it kills and restarts under load. CHAOS_REQUESTS sets the scale (default 40; 200 for the full run).
import { join } from 'node:path';
import { env } from 'node:process';
import { fileURLToPath } from 'node:url';
import unit from './jest.config.js';

// Its own environment file, so that it never reads or overwrites the one of an e2e run (test/support/environment.ts).
env.E2E_ENVIRONMENT_FILE ??= join(fileURLToPath(new globalThis.URL('.', import.meta.url)), '.data', 'chaos-environment.json');

export default {
  ...unit,
  testMatch: ['<rootDir>/test/chaos/**/*.chaos.spec.ts'],
  globalSetup: '<rootDir>/test/chaos/global-setup.ts',
  globalTeardown: '<rootDir>/test/chaos/global-teardown.ts',
  testTimeout: 30 * 60_000,
  maxWorkers: 1,
};
