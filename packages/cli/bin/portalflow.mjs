#!/usr/bin/env node
// The compiled CLI (`dist/`, made by `pnpm build`). Under `node --conditions=source --import tsx`
// the same import resolves to the TypeScript sources instead, which is how tests and development run it.
import '@portalflow/cli/main';
