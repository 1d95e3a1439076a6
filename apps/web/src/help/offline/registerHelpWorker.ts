const supported = () => 'serviceWorker' in navigator && window.isSecureContext;

/**
 * Registers the service worker (`/sw.js`) that keeps the app shell and the staff help available
 * offline. Browsers without service workers (or pages outside a secure context) simply go without.
 * The patients' public help registers it for `/help/` only: there it keeps just what that page used
 * (never the staff app's code) and stays apart from the staff app's worker.
 */
export function registerHelpWorker(scope: '/' | '/help/' = '/'): void {
  if (!supported()) return;
  navigator.serviceWorker.register('/sw.js', { scope }).catch(() => undefined);
}

/**
 * Asks the worker to keep these answers (help data, a played video and its captions) for offline use.
 * Asked even when the worker controls the page: it may have taken over after the page fetched them
 * (a first visit), and then it never saw them. The worker fetches again only what it has not kept.
 */
export function keepForOffline(urls: string[]): void {
  if (!supported()) return;
  const controlled = !!navigator.serviceWorker.controller;
  void navigator.serviceWorker.ready.then((registration) =>
    registration.active?.postMessage({ type: 'keep', urls, controlled }),
  );
}

/** A played video is kept for offline use with its captions: it plays again without a network. */
export function keepPlayedVideo(video: { src: string; captions: Array<{ src: string }> }): void {
  keepForOffline([video.src, ...video.captions.map((c) => c.src)]);
}
