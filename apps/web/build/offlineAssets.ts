import type { Plugin, Rolldown } from 'vite';

type OutputChunk = Rolldown.OutputChunk;

/** What the service worker reads to know which files keep the staff help working offline. */
export const OFFLINE_MANIFEST = 'offline-assets.json';

/**
 * Lists, in `offline-assets.json`, the built files the staff help needs offline: the code behind
 * sign-in and the FAQ screen's chunk, with everything they import and their styles. The service
 * worker keeps exactly these (plus the start page's own), not every screen the person happened to
 * open (`screens` are the source files of the lazily loaded modules to follow).
 */
export function offlineAssets(screens: string[]): Plugin {
  return {
    name: 'portalflow:offline-assets',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
      const roots = screens.map((screen) => {
        const chunk = chunks.find((c) => c.isDynamicEntry && c.facadeModuleId?.endsWith(screen));
        if (!chunk) throw new Error(`offline assets: no chunk for ${screen}`);
        return chunk;
      });
      const files = new Set<string>();
      const visit = (chunk: OutputChunk) => {
        if (files.has(chunk.fileName)) return;
        files.add(chunk.fileName);
        for (const css of viteCss(chunk)) files.add(css);
        for (const name of chunk.imports) {
          const next = bundle[name];
          if (next?.type === 'chunk') visit(next);
        }
      };
      roots.forEach(visit);
      // The classic script index.html runs before the modules (see public/zod-config.js).
      files.add('zod-config.js');
      this.emitFile({
        type: 'asset',
        fileName: OFFLINE_MANIFEST,
        source: `${JSON.stringify({ assets: [...files].sort().map((f) => `/${f}`) }, null, 2)}\n`,
      });
    },
  };
}

/** The CSS files Vite split out of a chunk (it loads them along with the chunk). */
function viteCss(chunk: OutputChunk): string[] {
  const meta = (chunk as OutputChunk & { viteMetadata?: { importedCss?: Set<string> } }).viteMetadata;
  return [...(meta?.importedCss ?? [])];
}
