const supported = () => 'serviceWorker' in navigator && window.isSecureContext;

/**
 * Registers the service worker (`/sw.js`) that keeps the app shell and the staff help available
 * offline. Browsers without service workers (or pages outside a secure context) simply go without.
 */
export function registerHelpWorker(): void {
  if (!supported()) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
}

/**
 * Asks the worker to keep these API answers for offline use. Needed on a first visit only: once the
 * worker controls the page it keeps every help answer it passes on by itself.
 */
export function keepForOffline(urls: string[]): void {
  if (!supported() || navigator.serviceWorker.controller) return;
  void navigator.serviceWorker.ready.then((registration) =>
    registration.active?.postMessage({ type: 'keep', urls }),
  );
}
