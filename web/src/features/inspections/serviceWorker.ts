/**
 * Registers web/public/sw.js (the offline shell for the phone form) and hands it the files this
 * page has loaded, after loading the form's own code, so the form opens without a network later.
 * Browsers offer service workers on HTTPS and localhost only: on a plain-HTTP intranet address
 * the outbox still keeps inspections, but a reload without a network cannot open the app.
 */
let started = false;

export function registerServiceWorker(): void {
  if (started || !('serviceWorker' in navigator) || import.meta.env.DEV) return;
  started = true;
  void (async () => {
    try {
      await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      const registration = await navigator.serviceWorker.ready;
      await import('./InspectPage');
      const urls = performance.getEntriesByType('resource').map((e) => e.name);
      registration.active?.postMessage({ type: 'precache', urls });
    } catch {
      // No offline shell (private mode, blocked by policy): the app works online as before.
    }
  })();
}
