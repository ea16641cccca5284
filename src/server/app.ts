import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../shared/context.js';
import { AppError } from '../shared/errors.js';
import { clientErrorHandler, frameworkErrors, registerErrorHandling } from './plugins/errors.js';
import { registerAuth } from './plugins/auth.js';
import { registerTextBoundary } from './plugins/text.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerWebApp } from './plugins/web.js';
import { loggerOptions } from './logging.js';
import { clientKey, SharedWindowStore } from './rate-limits.js';
import { systemRoutes } from '../modules/system/routes.js';
import { authRoutes } from '../modules/auth/routes.js';
import { organisationRoutes } from '../modules/organisations/routes.js';
import { unitRoutes } from '../modules/units/routes.js';
import { staffRoutes } from '../modules/staff/routes.js';
import { userRoutes } from '../modules/users/routes.js';
import { calendarRoutes } from '../modules/calendar/routes.js';
import { policyRoutes } from '../modules/policy/routes.js';
import { sanctionRuleRoutes } from '../modules/sanction-rules/routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { caseRoutes } from '../modules/cases/routes.js';
import { attachmentRoutes } from '../modules/attachments/routes.js';
import { complaintRoutes } from '../modules/complaints/routes.js';
import { incidentRoutes } from '../modules/incidents/routes.js';
import { notificationRoutes } from '../modules/notifications/routes.js';
import { inquiryRoutes } from '../modules/inquiries/routes.js';
import { repairRoutes } from '../modules/repairs/routes.js';
import { followUpRoutes } from '../modules/followups/routes.js';
import { applicationRoutes } from '../modules/applications/routes.js';
import { open311Routes } from '../modules/open311/routes.js';
import { publicRoutes } from '../modules/public/routes.js';
import { ratingRoutes } from '../modules/ratings/routes.js';
import { surveyRoutes } from '../modules/surveys/routes.js';
import { commitmentRoutes } from '../modules/commitments/routes.js';
import { boardRoutes } from '../modules/board/routes.js';
import { dashboardRoutes } from '../modules/dashboard/routes.js';
import { exportRoutes } from '../modules/exports/routes.js';
import { reportRoutes } from '../modules/reports/routes.js';
import { inspectionRoutes } from '../modules/inspections/routes.js';
import { ledgerRoutes } from '../modules/ledger/routes.js';
import { campaignRoutes } from '../modules/campaigns/routes.js';
import { competitionRoutes } from '../modules/competitions/routes.js';
import { appraisalTemplateRoutes } from '../modules/appraisal-templates/routes.js';
import { appraisalRoutes } from '../modules/appraisals/routes.js';
import { appraisalPrintRoutes } from '../modules/appraisals/print-routes.js';
import { sanctionRoutes } from '../modules/sanctions/routes.js';
import { webhookRoutes } from '../modules/webhooks/routes.js';
import { awardRoutes } from '../modules/awards/routes.js';
import { awardPageRoutes } from '../modules/awards/page-routes.js';
import { registerCaseTypes } from '../modules/case-types.js';

export interface RouteEntry {
  method: string;
  url: string;
  auth?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeList: RouteEntry[];
  }
}

export interface BuildAppOptions {
  logger?: boolean | object;
  /** Serve the built web app from web/dist (off in API tests). */
  serveWeb?: boolean;
}

/** Builds the HTTP application around a context; the caller listens and closes. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  registerCaseTypes();
  const app = Fastify({
    logger: loggerOptions(options.logger),
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 4 * 1024 * 1024,
    // Signed rating codes travel in the path (/r/c/<code>).
    routerOptions: { maxParamLength: 400 },
    // Route params and queries are validated by zod, not coerced by Ajv.
    ajv: { customOptions: { coerceTypes: false } },
    // Bad URLs and requests the HTTP parser refuses answer in the same error shape as the rest.
    frameworkErrors,
    clientErrorHandler,
  });
  // Every route, recorded as it is added: tests check that each one has its access test.
  const routeList: RouteEntry[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routeList.push({ method, url: r.url, auth: r.config?.auth });
  });
  app.decorate('routeList', routeList);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(helmet, {
    // Hospitals often serve plain HTTP on an intranet address: do not make browsers upgrade to HTTPS.
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: null,
        defaultSrc: ["'self'"],
        // antd writes component styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  const exempt = new Set(ctx.config.rateLimitAllowList);
  await app.register(rateLimit, {
    global: false,
    // Per client and action (rate-limits.ts): one store for all routes, so an action's forms share a budget.
    store: SharedWindowStore,
    keyGenerator: clientKey,
    // Trusted gateways (a hall's rating kiosks behind one address, a load test) may be exempted.
    allowList: (req) => exempt.has(req.ip),
    errorResponseBuilder: (_req, context) => new AppError('rate_limited', { details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) } }),
  });
  await registerOpenApi(app);
  registerAuth(app, ctx);
  registerTextBoundary(app);

  const state = { ready: true };
  await systemRoutes(app, ctx, state);
  await authRoutes(app, ctx);
  await organisationRoutes(app, ctx);
  await unitRoutes(app, ctx);
  await staffRoutes(app, ctx);
  await userRoutes(app, ctx);
  await calendarRoutes(app, ctx);
  await policyRoutes(app, ctx);
  await sanctionRuleRoutes(app, ctx);
  await auditRoutes(app, ctx);
  await caseRoutes(app, ctx);
  await attachmentRoutes(app, ctx);
  await complaintRoutes(app, ctx);
  await incidentRoutes(app, ctx);
  await notificationRoutes(app, ctx);
  await inquiryRoutes(app, ctx);
  await repairRoutes(app, ctx);
  await followUpRoutes(app, ctx);
  await applicationRoutes(app, ctx);
  await open311Routes(app, ctx);
  await publicRoutes(app, ctx);
  await ratingRoutes(app, ctx);
  await surveyRoutes(app, ctx);
  await commitmentRoutes(app, ctx);
  await boardRoutes(app, ctx);
  await dashboardRoutes(app, ctx);
  await exportRoutes(app, ctx);
  await reportRoutes(app, ctx);
  await inspectionRoutes(app, ctx);
  await ledgerRoutes(app, ctx);
  await competitionRoutes(app, ctx);
  await appraisalTemplateRoutes(app, ctx);
  await appraisalRoutes(app, ctx);
  await appraisalPrintRoutes(app, ctx);
  await sanctionRoutes(app, ctx);
  await webhookRoutes(app, ctx);
  await awardRoutes(app, ctx);
  await campaignRoutes(app, ctx);
  await awardPageRoutes(app, ctx);
  if (options.serveWeb) await registerWebApp(app);
  app.addHook('onClose', async () => {
    state.ready = false;
  });
  return app;
}
