import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Runs a benchmark script in a child `node` on the built server (dist/, what `npm start` runs), so
 * its memory is a server's: without the TypeScript loader this runner uses, which alone holds
 * about 40 MB in a thread of its own. The script and the bench helpers it imports are bundled
 * into one file; every import of ../src/… is taken from dist/ as built. Resolves with the line
 * the script prints after `RESULT `, parsed; everything else it prints is passed through.
 */
export async function runOnBuiltCode<T>(script: string, args: string[]): Promise<T> {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--server'], { stdio: 'inherit' });
  const { build } = await import('esbuild');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-bench-built-'));
  const outfile = path.join(dir, `${path.basename(script, '.ts')}.mjs`);
  try {
    await build({
      entryPoints: [path.join(root, 'bench', script)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
      plugins: [
        {
          name: 'product-from-dist',
          setup(b) {
            b.onResolve({ filter: /\/src\// }, (a) => {
              const source = path.resolve(a.resolveDir, a.path);
              const rel = path.relative(path.join(root, 'src'), source);
              if (rel.startsWith('..')) return undefined;
              return { path: path.join(root, 'dist', rel.replace(/\.ts$/, '.js')), external: true };
            });
          },
        },
      ],
    });
    // Node resolves the external packages from where the bundle lies: give it the project's.
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    return await new Promise<T>((resolve, reject) => {
      const child = spawn(process.execPath, [outfile, ...args], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
      let result: T | undefined;
      let rest = '';
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as T;
          else console.log(line);
        }
      });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 && result !== undefined ? resolve(result) : reject(new Error(`${script} ${args.join(' ')} exited with ${code}`))));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
