import type { ElkLike } from '../model/autoLayout.ts';

let instance: Promise<ElkLike> | undefined;

type ElkConstructor = new () => ElkLike;

/** ELK is ~2 MB: loaded on first use, in its own chunk, never in the main bundle. */
export function loadElk(): Promise<ElkLike> {
  instance ??= import('elkjs/lib/elk.bundled.js').then((m) => {
    // The bundle is CommonJS: depending on the interop its constructor is `default` or `default.default`.
    const mod = m as unknown as { default: ElkConstructor | { default: ElkConstructor } };
    const Elk = 'default' in mod.default ? mod.default.default : mod.default;
    return new Elk();
  });
  return instance;
}
