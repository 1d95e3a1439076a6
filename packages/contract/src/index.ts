export * from './common.ts';
export * from './errors.ts';
export * from './instances.ts';
export * from './notes.ts';
export * from './requests.ts';
export * from './route.ts';
