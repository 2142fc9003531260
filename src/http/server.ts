import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../context.ts';
import cookie from '@fastify/cookie';
import { agencyRoutes } from '../modules/identity/agencies.routes.ts';
import { authRoutes } from '../modules/identity/auth.routes.ts';
import { officerRoutes } from '../modules/identity/officers.routes.ts';
import { certificateCardRoutes } from '../modules/identity/certificate-cards.routes.ts';
import { benchmarkRoutes } from '../modules/cases/benchmarks.routes.ts';
import { caseRoutes } from '../modules/cases/cases.routes.ts';
import { documentRoutes } from '../modules/documents/documents.routes.ts';
import { reviewCatalogRoutes } from '../modules/review/catalog.routes.ts';
import { reviewRoutes } from '../modules/review/reviews.routes.ts';
import { publicationRoutes } from '../modules/publicity/publications.routes.ts';
import { feedRoutes } from '../modules/publicity/feed.routes.ts';
import { portalRoutes } from '../modules/publicity/portal.routes.ts';
import { disclosureRoutes } from '../modules/publicity/disclosures.routes.ts';
import { userRoutes } from '../modules/identity/users.routes.ts';
import { registerAuth } from './auth.ts';
import { ledgerRoutes } from '../ledger/ledger.routes.ts';
import { calendarRoutes } from '../calendar/calendar.routes.ts';
import { registerErrorHandling, send } from './errors.ts';
import { ErrorResponse, NoQuery } from './schemas.ts';
import { validatorCompiler } from './validation.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

declare module 'fastify' {
  interface FastifyInstance {
    apiRoutes: string[];
  }
}

export interface ServerOptions {
  logger?: boolean;
  /** The built web app to serve; defaults to web/dist when it exists. */
  webDir?: string | null;
  /** How many public search result pages to remember (default PAGE_MEMO_SIZE; 0: none — the benchmark's uncached runs). */
  portalPages?: number;
}

/**
 * The HTTP app. Plugins load in a fixed order — infrastructure, then each capability's routes,
 * then the web app — and every route declares its schemas, so the OpenAPI document describes
 * every route and every request is validated before a service sees it.
 */
export async function buildServer(ctx: Ctx, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    // Behind a TLS-terminating proxy, X-Forwarded-* tell the real scheme (for Secure cookies)
    // and the client address (for security events).
    trustProxy: process.env.SANXIANG_TRUST_PROXY === '1',
  });
  app.setValidatorCompiler(validatorCompiler);
  // Every API route, as registered: tests check each one against the OpenAPI document.
  const apiRoutes: string[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    if (!r.url.startsWith('/api/') || r.url.startsWith('/api/docs') || r.schema?.hide) return;
    // A route that takes no query parameters refuses unknown ones, like unknown body fields.
    r.schema = { ...(r.schema ?? {}), querystring: r.schema?.querystring ?? NoQuery };
    for (const m of methods) if (m !== 'HEAD') apiRoutes.push(`${m} ${r.url}`);
  });
  registerErrorHandling(app);
  app.addSchema(ErrorResponse);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '三项 Sanxiang API',
        description: '行政执法公示 · 执法全过程记录 · 重大执法决定法制审核。错误响应统一为 {code, message, details}。',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sx_session', description: '登录会话；写操作须同时携带 x-csrf-token 请求头' },
          token: { type: 'http', scheme: 'bearer', description: '系统间调用的 API 令牌（限定一个机构和一个角色）' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(cookie);
  registerAuth(app, ctx);

  app.get('/api/health', {
    config: { public: true },
    schema: { tags: ['平台 platform'], summary: '健康检查', response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await authRoutes(app, ctx);
  await userRoutes(app, ctx);
  await agencyRoutes(app, ctx);
  await officerRoutes(app, ctx);
  await certificateCardRoutes(app, ctx);
  await calendarRoutes(app, ctx);
  await benchmarkRoutes(app, ctx);
  await caseRoutes(app, ctx);
  await documentRoutes(app, ctx);
  await reviewCatalogRoutes(app, ctx);
  await reviewRoutes(app, ctx);
  await publicationRoutes(app, ctx);
  await feedRoutes(app, ctx);
  await ledgerRoutes(app, ctx);
  await portalRoutes(app, ctx, { pages: options.portalPages });
  await disclosureRoutes(app, ctx);

  const webDir = options.webDir === undefined ? WEB_DIST : options.webDir;
  const spa = webDir !== null && fs.existsSync(path.join(webDir, 'index.html'));
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  if (spa) await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true, index: 'index.html' });
  app.setNotFoundHandler((req, reply) => {
    // The SPA owns every other GET path: a deep link such as /admin/officers loads the app.
    const path = req.url.split('?')[0]!;
    const isFile = /\.[a-z0-9]+$/i.test(path);
    if (spa && req.method === 'GET' && !path.startsWith('/api/') && !isFile) return reply.type('text/html').sendFile('index.html');
    return send(reply, 404, 'route-not-found', { method: req.method, url: req.url });
  });
  return app;
}
