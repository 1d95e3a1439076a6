// A classic script, run before the app's modules: zod would otherwise probe `new Function` (to speed up
// parsing) as its schemas are created, which the app's CSP (script-src 'self', no 'unsafe-eval') reports
// as a violation. A module cannot do this: the bundle may evaluate zod's chunk before any code of ours.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig ?? {}, { jitless: true });
