import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('the architecture section names every module folder under src/modules', () => {
    const architecture = readme.slice(readme.indexOf('## Architecture'), readme.indexOf('\n## ', readme.indexOf('## Architecture') + 1));
    const folders = fs.readdirSync(path.join(root, 'src/modules'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.length).toBeGreaterThan(10);
    expect(folders.filter((f) => !new RegExp(`\\b${f}\\b`).test(architecture))).toEqual([]);
  });

  it('documents every YOUZHI_ setting the configuration reads', () => {
    const config = fs.readFileSync(path.join(root, 'src/config.ts'), 'utf8');
    const names = [...new Set(config.match(/YOUZHI_[A-Z_]+/g))];
    expect(names).toContain('YOUZHI_TRUST_PROXY');
    expect(names.filter((n) => !readme.includes(n))).toEqual([]);
  });

  it('has a security section: who is trusted, what is logged, how to rotate the secret and what that breaks', () => {
    const start = readme.indexOf('\n## Security');
    expect(start).toBeGreaterThan(0);
    const security = readme.slice(start, readme.indexOf('\n## ', start + 1));
    for (const topic of ['Who is trusted', 'the public', 'other organisations', 'unit heads', 'database but not the secret', 'What is logged', '[redacted]', 'Rotating the secret', 'stops working']) expect(security).toContain(topic);
  });
});
