import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../../src/demo/seed.ts';

/** Headers that carry a logged-in session: the cookie and the CSRF token writes need. */
// A type alias, not an interface, so it fits inject()'s header map.
export type Session = {
  cookie: string;
  'x-csrf-token': string;
};

export async function loginAs(server: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'sx_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `sx_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken };
}

/**
 * Demo users on a fixed clock: `day(d)` moves the clock to d (10:00 in China) and logs every one in
 * again (sessions expire over days); `send` makes a request as one of them, with If-Match when a
 * version is given; `ok` asserts the status and returns the JSON.
 */
export function demoUsers(server: () => FastifyInstance, usernames: readonly string[], clock: { set(iso: string): void }) {
  const sessions: Record<string, Session> = {};
  return {
    sessions,
    async day(d: string): Promise<void> {
      clock.set(`${d}T02:00:00.000Z`);
      for (const u of usernames) sessions[u] = await loginAs(server(), u);
    },
    send(who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown, ifMatch?: number): Promise<LightMyRequestResponse> {
      return server().inject({ method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }), headers: { ...sessions[who]!, ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }) } });
    },
    async ok(res: Promise<LightMyRequestResponse>, status = 200) {
      const r = await res;
      assert.equal(r.statusCode, status, r.body);
      return r.json();
    },
  };
}
