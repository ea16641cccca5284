import { openContext } from '../bootstrap.js';
import { buildApp } from '../server/app.js';
import { seedDemo } from '../demo/seed.js';
import { localMonth, shiftMonth } from '../modules/dashboard/months.js';
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
    // The demo starts without activity: say how to fill a month of it for the dashboard and the report.
    const lastMonth = shiftMonth(localMonth(Date.now(), 8 * 60), -1); // the demo organisations keep Beijing time
    io.out(`  a month of demo activity (演示数据: 评价、投诉、整改): npx youzhi demo generate --org demo-hospital --month ${lastMonth}`);
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
