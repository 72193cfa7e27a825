// Two projects, both run by `npm test`:
//   unit         specs beside the code (src/**/*.spec.ts), pure logic, no servers
//   integration  test/**/*.int-spec.ts and *.e2e-spec.ts against real servers
//                (throwaway slapd, MariaDB and SQLite started by the harness)
// NestJS 12 ships as ES modules only, so tests run as ES modules too
// (node --experimental-vm-modules, see package.json): Jest on Node 20 cannot require() ESM.
const common = {
  testEnvironment: 'node',
  rootDir: import.meta.dirname,
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
};

export default {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  // Integration suites start real servers; Jest reads this at the top level only.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.int-spec.ts', '**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
