export { type App, createApp } from './app.ts';
export { otpauthUri, totpCode } from './auth/totp.ts';
export { defaultConfig, type ServerConfig } from './config.ts';
export type { AppDeps } from './deps.ts';
export { ApiError } from './http/errors.ts';
export { LiveHub } from './live/hub.ts';
export { type RunningServer, type ServeOptions, startServer } from './main.ts';
export { seedDemo } from './seed/demo.ts';
export { startTimerWorker } from './timers/worker.ts';
