/**
 * Registers web/public/sw.js (the offline shell for the phone form). The page loaded its files
 * before the worker took over, so it adds them to the worker's cache itself — after loading the
 * form's own code — and requests the form's data once through the worker, which keeps the answers.
 * Browsers offer service workers on HTTPS and localhost only: on a plain-HTTP intranet address
 * the outbox still keeps inspections, but a reload without a network cannot open the app.
 */
import { paths } from '../../app/paths';

/** The cache sw.js serves the app's files from (the same name there). */
const shellCache = 'youzhi-shell-v1';
/** What the form needs to start offline; sw.js keeps the last answer of each. */
const formData = [paths.auth.me, paths.units.tree, paths.inspectionTemplates.list];

let started = false;

function controlled(): Promise<void> {
  if (navigator.serviceWorker.controller) return Promise.resolve();
  return new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
}

export function registerServiceWorker(): void {
  if (started || !('serviceWorker' in navigator) || !('caches' in window) || import.meta.env.DEV) return;
  started = true;
  void (async () => {
    try {
      await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      await navigator.serviceWorker.ready;
      await controlled();
      await import('./InspectPage');
      const cache = await caches.open(shellCache);
      // Vite adds a modulepreload link for every chunk it loads on demand; resource timing has the rest.
      const links = [...document.querySelectorAll<HTMLLinkElement | HTMLScriptElement>('link[rel="modulepreload"], link[rel="stylesheet"], script[src]')].map((e) => ('href' in e ? e.href : e.src));
      const loaded = performance.getEntriesByType('resource').map((e) => e.name);
      const assets = new Set(
        [...links, ...loaded]
          .map((u) => new URL(u, location.href))
          .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
          .map((u) => u.pathname),
      );
      for (const path of assets) if (!(await cache.match(path))) await cache.add(path).catch(() => undefined);
      for (const path of formData) await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } }).catch(() => undefined);
    } catch {
      // No offline shell (private mode, blocked by policy): the app works online as before.
    }
  })();
}
