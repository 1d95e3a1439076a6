/**
 * Registers the service worker (`/sw.js`) that keeps the app shell and the staff help available
 * offline. `onControlled` runs when the worker takes over this page on a first visit: requests made
 * before that bypassed it, so the caller fetches its help data again to have it kept.
 * Browsers without service workers (or pages outside a secure context) simply go without.
 */
export function registerHelpWorker(onControlled: () => void): () => void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return () => {};
  const container = navigator.serviceWorker;
  const wasControlled = container.controller !== null;
  const handle = () => {
    if (!wasControlled) onControlled();
  };
  container.addEventListener('controllerchange', handle);
  container.register('/sw.js', { scope: '/' }).catch(() => undefined);
  return () => container.removeEventListener('controllerchange', handle);
}
