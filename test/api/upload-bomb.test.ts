import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/app.js';
import { multipartFile } from '../support/multipart.js';
import { xlsxBomb, xlsxOf } from '../support/xlsx.js';

/**
 * Issue 12, finding 3: a 299 KB .xlsx holding 300 MB of spaces took 10 s, stalled /healthz for 7 s
 * and grew the server by 1 GB. Uploads are now weighed before they are unpacked (the zip's declared
 * sizes), unpacked no further than declared, capped in rows, columns and cells, and parsed in a
 * worker thread. The bombs go to a listening server while /healthz is asked over and over.
 */
let t: TestApp;
let office: Session;
let base: string;
let honestBomb: Buffer;
let lyingBomb: Buffer;
/** How long the server itself spent on each request (Fastify's elapsedTime), by URL. */
const handling = new Map<string, number>();

const routes = ['/api/v1/staff/import', '/api/v1/served-counts/import'];

beforeAll(async () => {
  t = await createTestApp();
  t.app.addHook('onResponse', async (req, reply) => {
    handling.set(req.url, reply.elapsedTime);
  });
  office = await t.login('hosp-quality-office');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  await (await fetch(`${base}/healthz`)).text(); // the first request opens the connection: not what the probes measure
  honestBomb = await xlsxBomb(300);
  lyingBomb = await xlsxBomb(300, 4096);
});
afterAll(async () => t?.close());

/** Uploads over the network while asking /healthz in a loop until the upload has answered. */
async function uploadWhileProbing(url: string, name: string, file: Buffer) {
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  let answered = false;
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(file)]), name);
  const upload = fetch(`${base}${url}`, { method: 'POST', headers: office.headers, body: form }).then(async (res) => ({ status: res.status, body: await res.json() }));
  void upload.finally(() => (answered = true));
  const probes: number[] = [];
  while (!answered || probes.length === 0) {
    const started = performance.now();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    await res.text();
    probes.push(performance.now() - started);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }
  const res = await upload;
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  return { ...res, probes, rssGrowthMb: (rssPeak - rssBefore) / 1024 / 1024, handledMs: handling.get(url)! };
}

describe('zip bombs on the import routes', () => {
  it('the bomb is small: 300 MB of spaces deflate to a few hundred KB', () => {
    expect(honestBomb.length).toBeLessThan(400 * 1024);
  });

  for (const url of routes) {
    it(`${url}: a bomb that declares its 300 MB is refused (413 upload_too_large) before anything is unpacked; /healthz keeps answering`, async () => {
      const res = await uploadWhileProbing(url, '花名册.xlsx', honestBomb);
      expect(res.status, JSON.stringify(res.body)).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'upload_too_large', details: { limit: 'bytes' } });
      expect(res.body.error.messages.zh).toContain('20 MB');
      expect(res.handledMs).toBeLessThan(1000);
      expect(Math.max(...res.probes)).toBeLessThan(500);
      expect(res.rssGrowthMb).toBeLessThan(150);
    });

    it(`${url}: a bomb that lies about its size is refused (400 file_invalid) as soon as it unpacks past the lie`, async () => {
      const res = await uploadWhileProbing(url, 'served.xlsx', lyingBomb);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe('file_invalid');
      expect(res.body.error.details.reason).toMatch(/sheet1\.xml unpacks to more than it declares/);
      expect(res.handledMs).toBeLessThan(1000);
      expect(Math.max(...res.probes)).toBeLessThan(500);
      expect(res.rssGrowthMb).toBeLessThan(150);
    });
  }
});

describe('sheet dimensions and cells', () => {
  const upload = (name: string, content: Buffer | string) => {
    const body = multipartFile('file', name, Buffer.from(content));
    return t.app.inject({ method: 'POST', url: '/api/v1/staff/import', headers: { ...office.headers, ...body.headers }, payload: body.payload });
  };
  const refused = async (res: Awaited<ReturnType<typeof upload>>, limit: string) => {
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'upload_too_large', details: { limit } });
  };

  it('a tiny sheet naming a cell a million rows down is refused: rows are capped by what the cells say, not by <dimension>', async () => {
    await refused(await upload('rows.xlsx', xlsxOf('<row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="A1000000"><v>1</v></c></row>')), 'rows');
    await refused(await upload('rows.xlsx', xlsxOf('<row r="1"><c r="A1048576"><v>1</v></c></row>')), 'rows');
  });

  it('a cell in column XFD is refused, and so are half a million empty cells', async () => {
    await refused(await upload('cols.xlsx', xlsxOf('<row r="1"><c r="XFD1"><v>1</v></c></row>')), 'columns');
    const row = `<row>${'<c/>'.repeat(100)}</row>`;
    await refused(await upload('cells.xlsx', xlsxOf(row.repeat(5001))), 'cells');
  });

  it('a merged range or a validation over the whole sheet is not expanded cell by cell: the roster imports', async () => {
    const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const rows = `<row r="1">${cell('A1', '工号')}${cell('B1', '姓名')}${cell('C1', '单位编码')}</row><row r="2">${cell('A2', 'H8801')}${cell('B2', '合并')}${cell('C2', 'H-OPD-PHA')}</row>`;
    const after = '<mergeCells count="1"><mergeCell ref="D3:XFD1048576"/></mergeCells><dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"是,否"</formula1></dataValidation></dataValidations>';
    const res = await upload('merged.xlsx', xlsxOf(rows, after));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 1, staffCreated: 1 });
  });

  it('a CSV past the row or column caps is refused', async () => {
    await refused(await upload('rows.csv', '工号,姓名\n' + 'x\n'.repeat(50_000)), 'rows');
    await refused(await upload('cols.csv', `${'a,'.repeat(100)}a\n`), 'columns');
  });

  it('a file that is not a zip, or a cut-off one, is 400 file_invalid, not a 500', async () => {
    for (const content of [Buffer.from('not a workbook'), xlsxOf('<row><c><v>1</v></c></row>').subarray(0, 200)]) {
      const res = await upload('broken.xlsx', content);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('file_invalid');
    }
  });
});
