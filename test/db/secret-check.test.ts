import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { createTestContext, type TestContext } from '../support/context.js';

/**
 * Issue 20 §1: every node of a deployment shares the installation secret. A node started with its
 * own secret.key would append audit entries under another key and break the chain for everyone,
 * so it refuses to start; nodes with the shared secret start.
 */
let tc: TestContext;
beforeAll(async () => {
  tc = await createTestContext();
});
afterAll(async () => tc?.cleanup());

const configWith = (secret: string) => ({ ...loadConfig({ YOUZHI_DATA_DIR: tc.dataDir, ...(tc.databaseUrl ? { DATABASE_URL: tc.databaseUrl } : {}) }), secret });

describe('the installation secret is the same on every node', () => {
  it('a second node with the same secret starts', async () => {
    const node = await openContext({ config: configWith('test-secret') });
    await node.db.close();
  });

  it('a node with another secret refuses to start, naming YOUZHI_SECRET', async () => {
    await expect(openContext({ config: configWith('a-different-secret') })).rejects.toThrow(/YOUZHI_SECRET/);
  });
});
