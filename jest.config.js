// Unit specs live beside the code; end-to-end suites under test/ (see jest.e2e.config.js).
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2023', transform: { legacyDecorator: true, decoratorMetadata: true } } }];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/{apps,libs,workflows,activities}/**/*.spec.ts'],
  // The workflow specs (workflows/test) run the tests of a file at once: they mostly wait on a Temporal server.
  maxConcurrency: 16,
};
