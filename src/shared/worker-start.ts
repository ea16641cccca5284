import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits beside this file: the compiled `.js` when running from
 * dist/ (bin/youzhi.js), or the `.ts` source through tsx's loader when running from src/ (vitest, tsx),
 * where no `.js` exists. A worker does not inherit the parent's loader, hence the small bootstrap.
 */
export function startWorker(name: string, options: WorkerOptions): Worker {
  const compiled = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, options);
  const source = new URL(`./${name}.ts`, import.meta.url).href;
  // tsx/esm/api's import build (index.mjs, beside the require build that resolve() finds): the require build registers a wrong path.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(source)}));`;
  return new Worker(boot, { ...options, eval: true });
}
