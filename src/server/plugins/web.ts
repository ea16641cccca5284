import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** The React app, built into web/dist; unknown non-API paths fall back to index.html (client routing). */
export async function registerWebApp(app: FastifyInstance): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    app.get('/', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send('<!doctype html><meta charset="utf-8"><title>优质 Youzhi</title><p>Web app not built. Run <code>npm run build</code>. API docs: <a href="/api/docs">/api/docs</a></p>'),
    );
    return;
  }
  await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: ['index.html'] });
  const indexHtml = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0];
    if (url.startsWith('/api/') || url.startsWith('/open311/')) return reply.callNotFound();
    const file = path.join(root, path.normalize(url));
    if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile()) return reply.sendFile(path.relative(root, file));
    return reply.type('text/html; charset=utf-8').send(indexHtml);
  });
}
