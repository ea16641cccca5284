#!/usr/bin/env node
// The youzhi command: runs the compiled CLI (npm install builds it; `npm run build` rebuilds).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('youzhi: not built yet. Run `npm run build` in the project folder.\n');
  process.exit(1);
}
const { runCli } = await import(entry.href);
const code = await runCli(process.argv.slice(2));
if (process.argv[2] !== 'serve' && process.argv.length > 2) process.exit(code);
else if (code !== 0) process.exit(code);
