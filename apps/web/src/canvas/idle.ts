/**
 * Runs `work` once the browser has nothing more urgent to do (after the frames already due are
 * painted), or after `timeoutMs` at the latest. Returns a cancel function.
 */
export function whenIdle(work: () => void, timeoutMs = 500): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  // Without idle callbacks (Safari): after the next frame is painted.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame =
    typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(() => {
          timer = setTimeout(work, 0);
        })
      : undefined;
  if (frame === undefined) timer = setTimeout(work, 0);
  return () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
