// Zod-free runtime values (enums, labels, limits, error codes, masking): also `@nuancheng/shared/constants`.
export * from './constants';
// Zod contracts, built on the constants above.
export * from './regions';
export * from './auth';
export * from './members';
export * from './errors';
export * from './health';
export * from './wishes';
export * from './projects';
export * from './notifications';
export * from './uploads';
export * from './ledger';
export * from './pledges';
export * from './agreements';
export * from './registrations';
export * from './posts';
export * from './reports';
export * from './activities';
export * from './audit';
export * from './supervision';
export * from './privacy';
export * from './exports';
export * from './org-reports';
