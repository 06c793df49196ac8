// Two projects: fast unit specs beside the code, and integration specs under test/ that run against a real
// database chosen by TEST_DB (sqlite | mariadb); scripts/test.mjs runs the integration project once per database.
const swc = ['@swc/jest', { swcrc: true }];
const moduleNameMapper = { '^@nuancheng/shared$': '<rootDir>/../shared/src/index.ts' };
module.exports = {
  // Integration tests start a whole app on a real database; jest reads this only at the top level.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
    },
    {
      // The heavier fault injections (kill -9 under load): `npm run test:faults`, which .ci/run calls after npm test.
      displayName: 'faults',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/faults/**/*.faults-spec.ts'],
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
    },
  ],
};
