// npm run bench -- <name>: runs bench/<name>.ts, whose last line is `name=value` pairs.
const name = process.argv[2];
const available = ['calendar', 'ratings', 'dashboard', 'sweep', 'memory', 'inspections', 'payroll', 'failover', 'appraisal'];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}>`);
  process.exit(2);
}
const mod = (await import(`./${name}.ts`)) as { default: () => Promise<void> };
await mod.default();
