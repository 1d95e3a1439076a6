export * from './common.ts';
export * from './errors.ts';
export * from './handbook.ts';
export * from './instances.ts';
export * from './refreshers.ts';
export * from './requests.ts';
export * from './roles.ts';
export * from './route.ts';
