import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { sectorSchema } from '../../policy/index.js';
import { str, version } from '../../shared/fields.js';
import * as service from './service.js';

const overridesBody = z.strictObject({
  version,
  overrides: z.record(str(), z.unknown()),
});

export async function policyRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['policy'];
  app.get('/api/v1/policy', { schema: { tags, summary: 'The effective policy pack, every value with its source' } }, (req) =>
    service.getEffectivePolicy(ctx, actorOf(req)),
  );
  app.get('/api/v1/policy/presets/:sector', { schema: { tags, params: z.object({ sector: sectorSchema }) } }, (req) =>
    service.getPolicyPreset(ctx, actorOf(req), req.params.sector),
  );
  app.put('/api/v1/policy/overrides', { schema: { tags, summary: "Replace the organisation's overrides (validated, audited)", body: overridesBody } }, (req) =>
    service.updatePolicyOverrides(ctx, actorOf(req), req.body),
  );
}
