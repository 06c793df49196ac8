export * from './roles';
export * from './regions';
export * from './auth';
export * from './members';
export * from './errors';
export * from './health';
export * from './mask';
