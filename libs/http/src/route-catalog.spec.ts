import { createLogger } from '@soc/logging';
import { authorize } from './auth-hook';
import { routeCatalog } from './route-catalog';
import { createHttpServer } from './server';

const server = () => createHttpServer({ logger: createLogger({ level: 'silent', name: 't' }), bodyLimit: 1024, title: 't', version: '0', docs: true });
const auth = { authenticate: async () => undefined };

describe('route guard', () => {
  it('refuses to register a route that declares no permission and is not public', async () => {
    const app = await server();
    await expect(app.register(async (scoped) => void scoped.get('/v1/open', async () => 'x'))).rejects.toThrow(/GET \/v1\/open declares no permission/);
    await app.close();
  });

  it('lists each route with its permission, public routes and the docs UI as public', async () => {
    const app = await server();
    app.get('/v1/things', { ...authorize(auth, 'alerts:read') }, async () => 'x');
    app.get('/healthz', { schema: { security: [] } }, async () => 'ok');
    await app.ready();
    const entries = routeCatalog(app);
    expect(entries).toEqual(expect.arrayContaining([
      { method: 'GET', url: '/v1/things', permission: 'alerts:read', public: false },
      { method: 'HEAD', url: '/v1/things', permission: 'alerts:read', public: false },
      { method: 'GET', url: '/healthz', public: true },
    ]));
    expect(entries.filter((e) => e.url.startsWith('/docs')).every((e) => e.public)).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/v1/things' })).statusCode).toBe(401);
    await app.close();
  });
});
