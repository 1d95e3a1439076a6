import { config } from 'zod/v4/core';

// Imported first: zod would otherwise probe `new Function` (to speed up parsing) the first time any
// schema parses, which the app's CSP (script-src 'self', no 'unsafe-eval') reports as a violation.
config({ jitless: true });
