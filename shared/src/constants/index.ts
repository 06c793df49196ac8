/**
 * Runtime values of the contracts: enums, labels, limits, error codes and pure helpers. Zod-free, so the
 * mini-program may import them at run time as `@nuancheng/shared/constants` (miniapp/test/type-only-shared.spec.ts
 * checks that nothing here reaches zod). The zod schemas in ../*.ts build on these.
 */
export * from './roles';
export * from './regions';
export * from './members';
export * from './wishes';
export * from './projects';
export * from './notifications';
export * from './ledger';
export * from './service';
export * from './agreements';
export * from './registrations';
export * from './posts';
export * from './activities';
export * from './errors';
export * from './mask';
export * from './pledges';
export * from './reports';
export * from './audit';
export * from './supervision';
export * from './privacy';
export * from './exports';
export * from './org-reports';
