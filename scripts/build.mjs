#!/usr/bin/env node
// Builds what is missing or stale: the server (tsc → dist/) and the web app (vite → web/dist/).
// `npm start` calls it, so a fresh clone needs only `npm install` and `npm start`.
// The web build's sources: web/src, web/public (copied as is: favicon, icons), index.html, vite config.
// `--server` compiles the server only (what the library entry points and the CLI need) and leaves web/ alone.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');
const serverOnly = process.argv.includes('--server');

function newestMtime(dir, skip = () => false) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  if (!fs.statSync(dir).isDirectory()) return fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (skip(p, entry)) continue;
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p, skip) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function stale(sources, output) {
  if (force || !fs.existsSync(output)) return true;
  const built = fs.statSync(output).mtimeMs;
  return sources.some((s) => newestMtime(s, (p, e) => e.name === 'node_modules' || e.name === 'dist') > built);
}

function run(cmd, args, cwd = root) {
  execFileSync(cmd, args, { cwd, stdio: 'inherit' });
}

const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (!fs.existsSync(tsc)) {
  console.error('build: TypeScript is not installed; run `npm install` first.');
  process.exit(1);
}
const serverMarker = path.join(root, 'dist', '.built');
if (stale([path.join(root, 'src'), path.join(root, 'tsconfig.json')], serverMarker)) {
  console.log('build: compiling the server (tsc)…');
  run(process.execPath, [tsc, '-p', 'tsconfig.json']);
  fs.writeFileSync(serverMarker, new Date().toISOString());
}

const web = path.join(root, 'web');
const webMarker = path.join(web, 'dist', 'index.html');
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (!serverOnly && fs.existsSync(path.join(web, 'index.html')) && fs.existsSync(vite) && stale([path.join(web, 'src'), path.join(web, 'public'), path.join(web, 'index.html'), path.join(web, 'vite.config.ts')], webMarker)) {
  console.log('build: bundling the web app (vite)…');
  run(process.execPath, [vite, 'build', '--logLevel', 'warn'], web);
}
