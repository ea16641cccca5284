import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/shared/context.js';

/**
 * Issue 12 item 10: the installation secret signs every QR code, and the SQLite file holds the
 * complainants' phone numbers — neither may be readable by other accounts on the machine.
 */
describe('files of a new installation are readable by their owner only', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youzhi-modes-'));
  let ctx: AppContext | undefined;
  afterAll(async () => {
    await ctx?.db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const mode = (file: string) => fs.statSync(path.join(dataDir, file)).mode & 0o777;

  it('creates secret.key and the SQLite database (with its WAL files) with mode 0600', async () => {
    ctx = await openContext({ config: loadConfig({ YOUZHI_DATA_DIR: dataDir }) });
    expect(mode('secret.key').toString(8)).toBe('600');
    expect(mode('youzhi.sqlite').toString(8)).toBe('600');
    for (const f of ['youzhi.sqlite-wal', 'youzhi.sqlite-shm']) if (fs.existsSync(path.join(dataDir, f))) expect(mode(f).toString(8), f).toBe('600');
    expect(ctx.config.secret).toBe(fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8').trim());
  });
});
