import type { FastifyInstance } from 'fastify';
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
