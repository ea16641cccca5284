import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { idParams } from '../../shared/fields.js';
import { createIncidentBody, listIncidentsQuery, rejectIncidentBody, staffIncidentsQuery, unitIncidentsQuery, verifyIncidentBody } from './schema.js';
import * as service from './service.js';

export async function incidentRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];
  app.get(
    '/api/v1/staff/:id/incidents',
    { schema: { tags: ['staff', ...tags], summary: '差错事故个人档案: the incident file of a staff member (themselves included)', params: idParams, querystring: staffIncidentsQuery } },
    (req) => service.listStaffIncidents(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/units/:id/incidents',
    { schema: { tags: ['units', ...tags], summary: 'The incident file of a unit and the units under it (unitOnly: the unit\'s own, no person named)', params: idParams, querystring: unitIncidentsQuery } },
    (req) => service.listUnitIncidents(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get('/api/v1/incident-kinds', { schema: { tags, summary: 'The kinds of incident: stable codes, labels, what the amount means, citations' } }, () => service.listIncidentKinds());
  app.get(
    '/api/v1/incidents',
    { schema: { tags, summary: 'Incidents the caller may see, newest first (filters: staffId, unitId, kind, state, from, to as local dates)', querystring: listIncidentsQuery } },
    (req) => service.listIncidents(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/incidents',
    {
      schema: {
        tags,
        summary: 'Record an incident (quality office; unit heads for their units): state reported. `details` has the shape of its kind; amountFen is required for damage and red_envelope, optional for dispute, refused otherwise',
        body: createIncidentBody,
      },
    },
    async (req, reply) => reply.status(201).send(await service.createIncident(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/incidents/:id', { schema: { tags, params: idParams } }, (req) => service.getIncident(ctx, actorOf(req), req.params.id));
  app.post(
    '/api/v1/incidents/:id/verify',
    { schema: { tags, summary: 'The quality office verifies a reported incident; 409 when the version read is stale or it was decided', params: idParams, body: verifyIncidentBody } },
    (req) => service.verifyIncident(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/incidents/:id/reject',
    { schema: { tags, summary: 'The quality office finds a reported incident unfounded, with the reason', params: idParams, body: rejectIncidentBody } },
    (req) => service.rejectIncident(ctx, actorOf(req), req.params.id, req.body),
  );
}
