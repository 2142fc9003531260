import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed.ts';
import type { FixedClock } from '../../src/kernel/clock.ts';
import { AUTH_POLICY } from '../../src/modules/identity/auth.service.ts';
import { countEvents } from '../../src/ledger/ledger.ts';

describeEachEngine('login sessions, CSRF, lockout and API tokens', (ctx) => {
  let server: FastifyInstance;
  const clock = () => ctx().clock as FixedClock;
  before(async () => {
    await seedDemo(ctx());
    server = await buildServer(ctx(), { webDir: null });
  });

  const login = (username: string, password: string) => server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const securityEvents = async (type: string) =>
    (await ctx().db.selectFrom('events').select(['type', 'data']).where('log_id', '=', 'platform').where('type', '=', type).orderBy('seq').execute()).map((e) => JSON.parse(e.data));

  it('a login sets an HttpOnly SameSite cookie and returns the user with a CSRF token; it is recorded', async () => {
    const res = await login('whzf-admin', DEMO_PASSWORD);
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'sx_session')!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    const body = res.json();
    assert.equal(body.user.username, 'whzf-admin');
    assert.equal(body.user.roles[0].agencyName, '衡阳市文化市场综合执法局');
    assert.ok(body.csrfToken.length > 20);
    assert.ok((await securityEvents('security.login-succeeded')).some((d) => d.username === 'whzf-admin'));
  });

  it('no session → 401 unauthenticated', async () => {
    const res = await server.inject('/api/officers');
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'unauthenticated');
  });

  it('a cookie-authenticated write without the CSRF token is refused and changes nothing', async () => {
    const s = await loginAs(server, 'admin');
    const before = await countEvents(ctx().db);
    const res = await server.inject({ method: 'POST', url: '/api/agencies', payload: { code: 'csrf-test', name: '跨站' }, headers: { cookie: s.cookie } });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'csrf-token-invalid');
    assert.equal(await countEvents(ctx().db), before);
    const ok = await server.inject({ method: 'POST', url: '/api/agencies', payload: { code: 'csrf-test', name: '跨站' }, headers: { ...s } });
    assert.equal(ok.statusCode, 201);
  });

  it('logout ends the session', async () => {
    const s = await loginAs(server, 'whzf-officer1');
    assert.equal((await server.inject({ url: '/api/auth/me', headers: s })).statusCode, 200);
    assert.equal((await server.inject({ method: 'POST', url: '/api/auth/logout', headers: s })).statusCode, 204);
    assert.equal((await server.inject({ url: '/api/auth/me', headers: s })).statusCode, 401);
    assert.ok((await securityEvents('security.logged-out')).some((d) => d.username === 'whzf-officer1'));
  });

  it('a session expires after the idle limit and after the absolute limit', async () => {
    const s = await loginAs(server, 'whzf-officer2');
    clock().advance((AUTH_POLICY.idleMinutes - 1) * 60_000);
    assert.equal((await server.inject({ url: '/api/auth/me', headers: s })).statusCode, 200, 'still active within the idle limit');
    clock().advance((AUTH_POLICY.idleMinutes + 1) * 60_000);
    assert.equal((await server.inject({ url: '/api/auth/me', headers: s })).statusCode, 401, 'idle too long');

    const t = await loginAs(server, 'whzf-officer2');
    // Stay active (a request every 20 minutes) for the whole absolute lifetime…
    const steps = (AUTH_POLICY.absoluteHours * 60) / 20;
    for (let i = 1; i < steps; i++) {
      clock().advance(20 * 60_000);
      assert.equal((await server.inject({ url: '/api/auth/me', headers: t })).statusCode, 200, `active after ${i * 20} minutes`);
    }
    // …and it still ends at the absolute limit.
    clock().advance(21 * 60_000);
    assert.equal((await server.inject({ url: '/api/auth/me', headers: t })).statusCode, 401, 'past the absolute limit');
  });

  it('repeated failures lock the account for a while, with a growing back-off; the lock is recorded', async () => {
    for (let i = 0; i < AUTH_POLICY.maxFailures; i++) assert.equal((await login('wwj-admin', 'wrong-password1')).statusCode, 401);
    const locked = await login('wwj-admin', DEMO_PASSWORD);
    assert.equal(locked.statusCode, 423);
    assert.equal(locked.json().code, 'account-locked');
    const first = (await securityEvents('security.account-locked')).find((d) => d.username === 'wwj-admin');
    assert.equal(first.minutes, AUTH_POLICY.lockMinutes);
    clock().advance((AUTH_POLICY.lockMinutes + 1) * 60_000);
    for (let i = 0; i < AUTH_POLICY.maxFailures; i++) await login('wwj-admin', 'wrong-password1');
    const second = (await securityEvents('security.account-locked')).filter((d) => d.username === 'wwj-admin').at(-1);
    assert.equal(second.minutes, AUTH_POLICY.lockMinutes * 2, 'the second lockout lasts twice as long');
    clock().advance((AUTH_POLICY.lockMinutes * 2 + 1) * 60_000);
    assert.equal((await login('wwj-admin', DEMO_PASSWORD)).statusCode, 200, 'the lock lifts by itself');
  });

  it('parallel guesses cannot outrun the lockout', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => login('wwj-publicity', 'guess-wrong-1')));
    const codes = results.map((r) => r.statusCode);
    assert.equal(codes.filter((c) => c === 401).length, AUTH_POLICY.maxFailures, `exactly ${AUTH_POLICY.maxFailures} guesses are checked: ${codes.join(',')}`);
    assert.equal((await login('wwj-publicity', DEMO_PASSWORD)).statusCode, 423, 'and then the account is locked');
  });

  it('a mistyped password in the username box is never written to the ledger', async () => {
    await login('Secret-Pass-2026', 'x');
    const rows = await ctx().db.selectFrom('events').select('data').where('type', '=', 'security.login-failed').execute();
    assert.ok(rows.length > 0);
    assert.ok(!rows.some((r) => r.data.includes('Secret-Pass-2026')));
  });

  it('an administrator\'s password reset ends the user\'s sessions', async () => {
    const victim = await loginAs(server, 'wwj-unithead');
    const admin = await loginAs(server, 'wwj-admin', DEMO_PASSWORD).catch(() => null);
    const platform = admin ?? (await loginAs(server, 'admin'));
    const users = (await server.inject({ url: '/api/users', headers: platform })).json();
    const u = users.find((x: { username: string }) => x.username === 'wwj-unithead');
    const res = await server.inject({ method: 'POST', url: `/api/users/${u.id}/password`, payload: { newPassword: 'Reset2026ok', reason: '账号疑似泄露' }, headers: platform });
    assert.equal(res.statusCode, 204);
    assert.equal((await server.inject({ url: '/api/auth/me', headers: victim })).statusCode, 401);
  });

  it('two simultaneous creations of the same username: one 201, the other 409, never 500', async () => {
    const admin = await loginAs(server, 'admin');
    const me = (await server.inject({ url: '/api/agencies', headers: admin })).json();
    const payload = { username: 'race-user', displayName: '并发用户', password: 'Race2026ok', roles: [{ role: 'officer', agencyId: me[0].id }] };
    const [a, b] = await Promise.all([1, 2].map(() => server.inject({ method: 'POST', url: '/api/users', payload, headers: admin })));
    assert.deepEqual([a!.statusCode, b!.statusCode].sort(), [201, 409]);
  });

  it('an unknown user and a wrong password get the same answer', async () => {
    const a = await login('nobody-here', 'whatever1');
    const b = await login('whzf-head', 'whatever1');
    assert.equal(a.statusCode, 401);
    assert.deepEqual(a.json(), b.json());
  });

  it('a disabled account cannot log in, and its sessions end', async () => {
    const admin = await loginAs(server, 'whzf-admin');
    const victim = await loginAs(server, 'whzf-publicity');
    const users = (await server.inject({ url: '/api/users', headers: admin })).json();
    const u = users.find((x: { username: string }) => x.username === 'whzf-publicity');
    const res = await server.inject({ method: 'PATCH', url: `/api/users/${u.id}`, payload: { status: 'disabled', reason: '调离' }, headers: { ...admin, 'if-match': `"${u.version}"` } });
    assert.equal(res.statusCode, 200);
    assert.equal((await server.inject({ url: '/api/auth/me', headers: victim })).statusCode, 401);
    const again = await login('whzf-publicity', DEMO_PASSWORD);
    assert.equal(again.statusCode, 403);
    assert.equal(again.json().code, 'account-disabled');
  });

  it('changing one\'s password needs the current one, rejects weak ones, and ends other sessions', async () => {
    const a = await loginAs(server, 'wwj-head');
    const b = await loginAs(server, 'wwj-head');
    const wrong = await server.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'nope', newPassword: 'NewPass2026' }, headers: a });
    assert.equal(wrong.statusCode, 400);
    const weak = await server.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: DEMO_PASSWORD, newPassword: 'short' }, headers: a });
    assert.equal(weak.json().code, 'weak-password');
    const ok = await server.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: DEMO_PASSWORD, newPassword: 'NewPass2026' }, headers: a });
    assert.equal(ok.statusCode, 204);
    assert.equal((await server.inject({ url: '/api/auth/me', headers: a })).statusCode, 200);
    assert.equal((await server.inject({ url: '/api/auth/me', headers: b })).statusCode, 401);
    assert.equal((await login('wwj-head', 'NewPass2026')).statusCode, 200);
    const changed = await ctx().db.selectFrom('events').select('data').where('type', '=', 'user.password-changed').execute();
    assert.ok(changed.length >= 1);
    assert.ok(!changed.some((e) => e.data.includes('scrypt')), 'the ledger never holds a password hash');
  });

  it('an API token is hashed at rest, acts only within its agency, and can be revoked', async () => {
    const admin = await loginAs(server, 'whzf-admin');
    const me = (await server.inject({ url: '/api/auth/me', headers: admin })).json();
    const agencyId = me.user.roles[0].agencyId;
    const issued = await server.inject({ method: 'POST', url: '/api/tokens', payload: { name: '省平台对接', agencyId, role: 'officer' }, headers: admin });
    assert.equal(issued.statusCode, 201);
    const { token, id } = issued.json();
    const stored = await ctx().db.selectFrom('api_tokens').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token);
    const bearer = { authorization: `Bearer ${token}` };
    const officers = (await server.inject({ url: '/api/officers', headers: bearer })).json();
    assert.ok(officers.length > 0);
    assert.ok(officers.every((o: { agencyId: string }) => o.agencyId === agencyId), 'only its own agency');
    const other = await ctx().db.selectFrom('officers').select('id').where('agency_id', '!=', agencyId).executeTakeFirstOrThrow();
    assert.equal((await server.inject({ url: `/api/officers/${other.id}`, headers: bearer })).statusCode, 403);
    assert.equal((await server.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: admin })).statusCode, 204);
    assert.equal((await server.inject({ url: '/api/officers', headers: bearer })).statusCode, 401);
  });
});
