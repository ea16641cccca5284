import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openContext } from '../bootstrap.js';
import { buildApp } from '../server/app.js';
import { demoUtcOffsetMinutes, seedDemo } from '../demo/seed.js';
import { localMonth, shiftMonth } from '../shared/months.js';
import { countOrganisations } from '../modules/organisations/service.js';
import type { CliIo } from './main.js';
import { printLogins } from './main.js';
import { startScheduler } from '../jobs/scheduler.js';
import { adaptersFromEnv } from '../modules/notifications/channels.js';

/** Starts the server: migrate, seed the demo organisations on an empty database, listen, stop cleanly on SIGTERM. */
export async function serve(io: CliIo): Promise<void> {
  const ctx = await openContext();
  if (ctx.config.demoOnEmpty && (await countOrganisations(ctx)) === 0) {
    const demo = await seedDemo(ctx);
    printLogins(io, demo.users, demo.password);
    if (!process.env.YOUZHI_DEMO_PASSWORD) io.out(`  (saved in ${ctx.config.dataDir}/demo-credentials.txt)`);
    const lastMonth = shiftMonth(localMonth(Date.now(), demoUtcOffsetMinutes), -1);
    if (ctx.config.demoActivity && demo.created.length) io.out(`  演示数据 ${await fillInChildProcess(demo.created)} (YOUZHI_DEMO_ACTIVITY=0 skips it)`);
    io.out(`  more months of demo activity: npx youzhi demo generate --org demo-hospital --month ${shiftMonth(lastMonth, -1)}`);
  }
  const app = await buildApp(ctx, { logger: { level: ctx.config.logLevel }, serveWeb: true });
  await app.listen({ host: ctx.config.host, port: ctx.config.port });
  const adapters = adaptersFromEnv(process.env, (line) => app.log.info(line));
  const scheduler = startScheduler(ctx, { intervalSeconds: ctx.config.sweepSeconds, node: `${ctx.config.host}:${ctx.config.port}:${process.pid}`, log: app.log, adapters });
  const shown = ctx.config.host === '0.0.0.0' || ctx.config.host === '::' ? '127.0.0.1' : ctx.config.host;
  io.out(`优质 Youzhi is running: http://${shown}:${ctx.config.port}/  (API docs: /api/docs, database: ${ctx.db.dialect})`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await scheduler.stop();
    await app.close();
    await ctx.db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * `youzhi demo fill` in a child process: generating two months through the services grows the
 * heap by tens of megabytes that V8 keeps; in a process that ends, the server never holds them
 * (npm run bench -- memory).
 */
async function fillInChildProcess(orgCodes: string[]): Promise<string> {
  const bin = fileURLToPath(new URL('../../bin/youzhi.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'demo', 'fill', '--org', ...orgCodes], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  // The demo is usable without activity: say so, and start.
  return code === 0 ? out.trim() : `demo activity not generated (youzhi demo fill exited ${code}): ${out.trim().split('\n').slice(-3).join(' ')}`;
}
