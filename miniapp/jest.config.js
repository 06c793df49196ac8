/**
 * Two projects:
 *  - unit: pure functions under src/ (and test/), transpiled by @swc/jest, plain node;
 *  - e2e:  the H5 build in headless Chromium via playwright-core; needs E2E_BASE_URL (a server serving
 *          dist/h5 at `/` and the API at `/api`). Run with `pnpm test:e2e`.
 */
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: false }, target: 'es2022' },
    module: { type: 'commonjs' }
  }
]

/** Runtime values come from shared's zod-free constants (the index itself is imported for types only). */
const moduleNameMapper = { '^@nuancheng/shared/constants$': '<rootDir>/../shared/src/constants/index.ts' }

module.exports = {
  // Browser tests wait on a real server; jest reads this only at the top level.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src', '<rootDir>/test'],
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.tsx?$': swc },
      moduleNameMapper
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/e2e'],
      testMatch: ['**/*.e2e.ts'],
      transform: { '^.+\\.tsx?$': swc },
      moduleNameMapper,
      slowTestThreshold: 30
    }
  ]
}
