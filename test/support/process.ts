import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The repository root, for spawning `bin/youzhi.js` or scripts beside it. */
export const repositoryRoot = path.resolve(import.meta.dirname, '../..');

export interface StartedProcess {
  child: ChildProcess;
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<number | null>;
}

export interface StartProcessOptions {
  args: string[];
  env?: Record<string, string>;
  /** Printed once the process is ready to be used. */
  ready: string | RegExp;
  /** A first start seeds the demo: on a loaded two-core machine that can take minutes. */
  timeoutMs?: number;
}

const seen = (output: string, ready: string | RegExp) => (typeof ready === 'string' ? output.includes(ready) : ready.test(output));

/**
 * Starts a Node process and waits for its ready line — on a condition, never a fixed sleep;
 * fails early with the output when the process exits first or the time runs out.
 */
export async function startProcess(options: StartProcessOptions): Promise<StartedProcess> {
  const child = spawn(process.execPath, options.args, { cwd: repositoryRoot, env: { ...process.env, ...options.env } });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + (options.timeoutMs ?? 150_000);
  while (!seen(output, options.ready) && child.exitCode === null && child.signalCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (!seen(output, options.ready)) {
    child.kill('SIGKILL');
    throw new Error(`process did not become ready (${String(options.ready)}):\n${output}`);
  }
  return {
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** `youzhi serve` on 127.0.0.1:port, ready once it prints that it is running. */
export function startServer(env: Record<string, string>, port: number, timeoutMs?: number) {
  return startProcess({
    args: [path.join(repositoryRoot, 'bin/youzhi.js'), 'serve'],
    env: { LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    ready: 'is running',
    timeoutMs,
  });
}
