import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { listPresetSectors, presetFor, sanctionRulesOf } from '../../policy/index.js';
import type { FactSpec } from '../../engines/rules/index.js';
import * as service from './service.js';

/** The facts each preset rule reads, for the OpenAPI description (an organisation's own rules list theirs in GET /sanction-rules). */
function presetRuleFacts(): { rules: Map<string, FactSpec[]>; facts: Map<string, FactSpec> } {
  const rules = new Map<string, FactSpec[]>();
  const facts = new Map<string, FactSpec>();
  for (const sector of listPresetSectors()) {
    for (const { rule } of sanctionRulesOf(presetFor(sector))) {
      rules.set(rule.code, rule.facts);
      for (const f of rule.facts) if (!facts.has(f.name)) facts.set(f.name, f);
    }
  }
  return { rules, facts };
}

const known = presetRuleFacts();
const factWords = (f: FactSpec) => `${f.name} (${f.type}${f.required ? ', required' : ''})`;
const rulesDoc = [...known.rules].map(([code, facts]) => `- \`${code}\`: ${facts.length ? facts.map(factWords).join(', ') : 'no facts'}`).join('\n');

const scalar = z.union([z.number(), z.boolean(), z.string().max(40), z.null()]);
const factsSchema = z
  .object(Object.fromEntries([...known.facts].map(([name, f]) => [name, scalar.optional().describe(`${f.label.en} — ${f.label.zh} (${f.type})`)])))
  .catchall(scalar)
  .refine((o) => Object.keys(o).length <= 40, 'at most 40 facts')
  .describe('What is known about the offence. `repeat` may also be the number of earlier occurrences; amounts are whole fen.');

const previewBody = z.strictObject({
  rule: z
    .string()
    .max(127)
    .regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'a rule code is catalogue.rule, e.g. psbc.stage_target')
    .describe(`The rule's code. The facts each preset rule reads:\n${rulesDoc}`),
  facts: factsSchema.default({}),
});

export async function sanctionRuleRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['sanctions'];
  app.get('/api/v1/sanction-rules', { schema: { tags, summary: 'The sanction rules in force (奖惩规则): each in words, with its citation and the facts it reads' } }, (req) =>
    service.listSanctionRules(ctx, actorOf(req)),
  );
  app.post(
    '/api/v1/sanctions/preview',
    {
      schema: {
        tags,
        summary: 'Compute one rule on given facts: amount in fen, who is charged, outcomes, the sum in words',
        description: 'Refusals: 400 fact_missing / fact_invalid / amount_out_of_range / rule_unknown and 422 policy_value_missing, each with details.field naming the fact or the pack value.',
        body: previewBody,
      },
    },
    (req) => service.previewSanction(ctx, actorOf(req), req.body),
  );
}
