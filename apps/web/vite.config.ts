import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { sharedModules, sourceConditions } from '../../vitest.shared.ts';
import { offlineAssets } from './build/offlineAssets.ts';
import { precompress } from './build/precompress.ts';

// Dev: `pnpm --filter @portalflow/web dev` with the server on :3000 (the proxy keeps cookies same-origin).
export default defineConfig({
  plugins: [
    react(),
    // The staff help works offline: the service worker keeps the code for signed-in pages and the FAQ.
    offlineAssets(['src/SignedInApp.tsx', 'src/help/FaqPage.tsx']),
    // Brotli and gzip copies of every text file, served by apps/server (http/static.ts).
    precompress(),
  ],
  // The workspace packages are bundled (and tested) from their TypeScript sources.
  ...sourceConditions,
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 2500,
    // The patients' help page (/help/<clinic>) is its own small bundle, without the staff app.
    rollupOptions: { input: { main: 'index.html', help: 'help.html' } },
  },
  test: {
    ...sharedModules,
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
  },
});
