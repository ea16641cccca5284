#!/usr/bin/env node
// The youzhi command: runs the compiled CLI (npm install builds it; `npm run build` rebuilds).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/run.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('youzhi: not built yet. Run `npm run build` in the project folder.\n');
  process.exit(1);
}
await import(entry.href);
