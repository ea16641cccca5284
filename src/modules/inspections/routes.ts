import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { assignmentBody, assignmentPatch, assignmentsQuery, cctvQuery, closeQuery, codeParams, idParams, inspectionBody, listInspectionsQuery, monthQuery, planBody, quarterQuery, resultsQuery, templateVersionBody, yearQuery } from './schema.js';
import * as assignments from './assignments.js';
import * as bands from './bands.js';
import * as coverage from './coverage.js';
import * as results from './results.js';
import * as plans from './plans.js';
import * as service from './service.js';
import * as templates from './templates.js';

export async function inspectionRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspections'];

  app.post(
    '/api/v1/inspections',
    { schema: { tags, summary: 'Store a scored inspection; its findings open rectification cases. The same idempotencyKey again answers 200 with the first result', body: inspectionBody } },
    async (req, reply) => {
      const r = await service.createInspection(ctx, actorOf(req), req.body);
      return reply.status(r.created ? 201 : 200).send(r.body);
    },
  );
  app.post('/api/v1/inspections/preview', { schema: { tags, summary: 'Score an inspection without storing anything', body: inspectionBody } }, (req) =>
    service.previewInspection(ctx, actorOf(req), req.body),
  );
  app.get('/api/v1/inspections', { schema: { tags, summary: 'Inspections the caller may see, newest first (filters: unitId, template, kind, month, vetoed)', querystring: listInspectionsQuery } }, (req) =>
    service.listInspections(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/inspections/:id', { schema: { tags, summary: 'One inspection with its items, findings and their rectification cases', params: idParams } }, (req) =>
    service.getInspection(ctx, actorOf(req), req.params.id),
  );

  app.get('/api/v1/inspection-templates', { schema: { tags, summary: 'Scoring templates: codes, sections, items, metrics and current version' } }, (req) => templates.listTemplates(ctx, actorOf(req)));
  app.get('/api/v1/inspection-templates/:code', { schema: { tags, params: codeParams } }, (req) => templates.getTemplate(ctx, actorOf(req), req.params.code));
  app.put(
    '/api/v1/inspection-templates/:code',
    { schema: { tags, summary: 'Store an edited template as its next version (quality office, admin); 409 when the version is stale', params: codeParams, body: templateVersionBody } },
    (req) => templates.saveTemplateVersion(ctx, actorOf(req), req.params.code, req.body),
  );

  app.get('/api/v1/inspection-plans/generate', { schema: { tags, summary: 'Propose a quarterly plan that meets the pack\'s coverage (every 一级支行, ⌈60 %⌉ of outlets, rechecks below 85, video checks)', querystring: quarterQuery } }, (req) =>
    plans.generateQuarterPlan(ctx, actorOf(req), req.query.quarter),
  );
  app.get('/api/v1/inspection-plans', { schema: { tags, summary: 'The stored plan of a quarter', querystring: quarterQuery } }, (req) => plans.getQuarterPlan(ctx, actorOf(req), req.query.quarter));
  app.post('/api/v1/inspection-plans', { schema: { tags, summary: 'Store a quarter\'s plan; 409 plan_insufficient with the reasons when it falls short of the pack', body: planBody } }, async (req, reply) =>
    reply.status(201).send(await plans.createQuarterPlan(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/inspection-bands', { schema: { tags, summary: 'A quarter\'s results ranked with their bands: reward (≥ 90 and top 5), docked (< 85), docked more (< 80); the stored facts once the quarter is closed', querystring: quarterQuery } }, (req) =>
    bands.quarterBandsView(ctx, actorOf(req), req.query.quarter),
  );
  app.get('/api/v1/inspection-bands/annual', { schema: { tags, summary: 'A year\'s average of its round scores per unit, ranked, with 优秀网点 (average ≥ 90 and top 3); the stored facts once the year is closed', querystring: yearQuery } }, (req) =>
    bands.annualBandsView(ctx, actorOf(req), req.query.year),
  );
  app.post(
    '/api/v1/inspection-bands/close',
    { schema: { tags, summary: 'Close an ended quarter (quarter=2026-Q3) or year (year=2026, its quarters first) and store its band facts: 201 when closed now, 200 with the stored facts when closed before (later inspections never change them)', querystring: closeQuery } },
    async (req, reply) => {
      const r = await bands.closeBandPeriod(ctx, actorOf(req), req.query);
      return reply.status(r.closed ? 201 : 200).send(r);
    },
  );
  app.get('/api/v1/inspection-results', { schema: { tags, summary: 'Inspections by unit and month (count, average on the 100-point scale, vetoes, change against the month before), the most frequent findings and the rectification on-time rate', querystring: resultsQuery } }, (req) =>
    results.inspectionResults(ctx, actorOf(req), req.query),
  );

  app.get('/api/v1/inspection-coverage/management', { schema: { tags, summary: 'Management checks per unit in a month (004:L214: at least once a month): every unit the pack names in the caller\'s scope, its count and a gap flag', querystring: monthQuery } }, (req) =>
    coverage.managementCoverage(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/inspection-coverage/cctv', { schema: { tags, summary: 'CCTV clips per counter per working day (004:L116: 4 clips, 2 morning, 2 afternoon, by 15:00) for a month or a date: the gaps per counter', querystring: cctvQuery } }, (req) =>
    coverage.cctvCoverage(ctx, actorOf(req), req.query),
  );

  app.get('/api/v1/inspection-assignments', { schema: { tags, summary: 'Plan entries given to inspectors: the offices see all (unit heads their subtree), inspectors and supervisors their own', querystring: assignmentsQuery } }, (req) =>
    assignments.listAssignments(ctx, actorOf(req), { planId: req.query.planId, status: req.query.status, mine: req.query.mine === 'true' }),
  );
  app.get('/api/v1/inspection-assignments/assignees', { schema: { tags, summary: 'Who a plan entry may be given to (inspectors, social supervisors, the quality office)' } }, (req) => assignments.listAssignees(ctx, actorOf(req)));
  app.get('/api/v1/inspection-assignments/:id', { schema: { tags, params: idParams } }, (req) => assignments.getAssignment(ctx, actorOf(req), req.params.id));
  app.post('/api/v1/inspection-assignments', { schema: { tags, summary: 'Give a stored plan\'s entry (unit) to an inspector with a due date', body: assignmentBody } }, async (req, reply) =>
    reply.status(201).send(await assignments.assignPlanEntry(ctx, actorOf(req), req.body)),
  );
  app.patch('/api/v1/inspection-assignments/:id', { schema: { tags, summary: 'Reassign or move the due date; 409 when the version is stale or the assignment is done', params: idParams, body: assignmentPatch } }, (req) =>
    assignments.updateAssignment(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get('/api/v1/me/inspection-assignments', { schema: { tags, summary: "The caller's open inspection assignments, soonest due first (the phone home)" } }, (req) => assignments.myAssignments(ctx, actorOf(req)));
}
