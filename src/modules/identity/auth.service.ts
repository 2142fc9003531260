import { createHash, randomBytes } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import { DomainError, fail } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { PLATFORM_LOG } from '../../ledger/ledger.ts';
import { ROLES, type Role } from '../../shared/roles.ts';
import type { Principal } from './access.policy.ts';
import { requireAccess, requireGrantable } from './access.service.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import { passwordProblem } from '../../shared/formats.ts';
import { principalOf, setPassword } from './users.service.ts';

/** Session and lockout policy. Idle and absolute expiry bound a stolen cookie's life. */
export const AUTH_POLICY = {
  idleMinutes: Number(process.env.SANXIANG_SESSION_IDLE_MINUTES ?? 30),
  absoluteHours: 12,
  /** Failures in a row that lock the account. */
  maxFailures: 5,
  /** First lockout; doubles with each further lockout (back-off), capped at a day. */
  lockMinutes: 15,
  maxLockMinutes: 24 * 60,
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  principal: Principal;
}

/** Records a security event in the platform log, in its own transaction (it changes no domain data). */
async function security(ctx: Ctx, type: string, actor: string, subject: string | null, data: Record<string, unknown>): Promise<void> {
  await ctx.db.transaction().execute((trx) => ctx.ledger.append(trx, { log: PLATFORM_LOG, actor, type, subject, data }));
}

export async function login(ctx: Ctx, username: string, password: string, meta: { ip: string }): Promise<LoginResult> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const user = await ctx.db.selectFrom('users').select(['id', 'status']).where('username', '=', username).executeTakeFirst();
  // A username that matches no account may be a mistyped password: the permanent record gets
  // only the fact, never the text.
  const who = user ? { username } : { username: null, unknownUsername: true };

  // Reserve this attempt before the slow password check, atomically: parallel guesses each take
  // a slot, so the lockout cannot be outrun.
  await ctx.db
    .insertInto('login_throttle')
    .values({ username, failures: 0, lockouts: 0, locked_until: null, last_failure_at: at })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  const slot = await ctx.db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('failures', '+', 1), last_failure_at: at }))
    .where('username', '=', username)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
    .returning(['failures', 'lockouts'])
    .executeTakeFirst();
  if (!slot || slot.failures > AUTH_POLICY.maxFailures) {
    const row = await ctx.db.selectFrom('login_throttle').select('locked_until').where('username', '=', username).executeTakeFirst();
    await security(ctx, 'security.login-failed', 'system', null, { ...who, ip: meta.ip, reason: 'locked' });
    throw fail('account-locked', 423, { lockedUntil: row?.locked_until ?? null });
  }

  const cred = user ? await ctx.db.selectFrom('credentials').select('password_hash').where('user_id', '=', user.id).executeTakeFirst() : undefined;
  // Unknown users cost the same scrypt as known ones, so timing does not reveal which exist.
  const ok = await verifyPassword(password, cred?.password_hash ?? (await decoyHash()));
  if (!user || !cred || !ok) {
    await security(ctx, 'security.login-failed', 'system', null, { ...who, ip: meta.ip, reason: 'invalid-credentials', failures: slot.failures });
    if (slot.failures >= AUTH_POLICY.maxFailures) {
      const lockouts = Number(slot.lockouts) + 1;
      const minutes = Math.min(AUTH_POLICY.lockMinutes * 2 ** (lockouts - 1), AUTH_POLICY.maxLockMinutes);
      const lockedUntil = new Date(now.getTime() + minutes * 60_000).toISOString();
      await ctx.db.updateTable('login_throttle').set({ failures: 0, lockouts, locked_until: lockedUntil }).where('username', '=', username).execute();
      await security(ctx, 'security.account-locked', 'system', null, { ...who, ip: meta.ip, lockedUntil, minutes });
    }
    throw fail('invalid-credentials', 401);
  }
  if (user.status !== 'active') {
    await security(ctx, 'security.login-failed', user.id, user.id, { username, ip: meta.ip, reason: 'disabled' });
    throw fail('account-disabled', 403);
  }
  await ctx.db.deleteFrom('login_throttle').where('username', '=', username).execute();
  const sessionToken = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await ctx.db
    .insertInto('sessions')
    .values({
      id_hash: sha256(sessionToken),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(now.getTime() + AUTH_POLICY.absoluteHours * 3600_000).toISOString(),
    })
    .execute();
  await security(ctx, 'security.login-succeeded', user.id, user.id, { username, ip: meta.ip });
  return { sessionToken, csrfToken, principal: await principalOf(ctx.db, user.id) };
}

export interface SessionAuth {
  principal: Principal;
  csrfToken: string;
  sessionHash: string;
}

/** The session behind a cookie, or null when unknown, idle too long, or past its absolute expiry. */
export async function authenticateSession(ctx: Ctx, token: string): Promise<SessionAuth | null> {
  const idHash = sha256(token);
  const s = await ctx.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  if (!s) return null;
  const now = ctx.clock.now();
  const idleLimit = new Date(new Date(s.last_seen_at).getTime() + AUTH_POLICY.idleMinutes * 60_000);
  if (now > idleLimit || now > new Date(s.expires_at)) {
    await ctx.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  const user = await ctx.db.selectFrom('users').select('status').where('id', '=', s.user_id).executeTakeFirst();
  if (!user || user.status !== 'active') return null;
  // Refreshing last_seen at most once a minute keeps reads from turning into writes.
  if (now.getTime() - new Date(s.last_seen_at).getTime() > 60_000) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id_hash', '=', idHash).execute();
  }
  return { principal: await principalOf(ctx.db, s.user_id), csrfToken: s.csrf_token, sessionHash: idHash };
}

export async function logout(ctx: Ctx, auth: SessionAuth): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('id_hash', '=', auth.sessionHash).execute();
  await security(ctx, 'security.logged-out', auth.principal.id, auth.principal.id, { username: auth.principal.username });
}

/** A user changes their own password; every other session of theirs ends. */
export async function changeOwnPassword(ctx: Ctx, auth: SessionAuth, currentPassword: string, newPassword: string): Promise<void> {
  const cred = await ctx.db.selectFrom('credentials').select('password_hash').where('user_id', '=', auth.principal.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(currentPassword, cred.password_hash))) {
    throw new DomainError('invalid-credentials', '当前密码不正确', 400, { field: 'currentPassword' });
  }
  const problem = passwordProblem(newPassword);
  if (problem) throw new DomainError('weak-password', problem, 400, { field: 'newPassword' });
  const hash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await setPassword(ctx, trx, auth.principal.id, hash, auth.principal.id, 'self', null);
    await trx.deleteFrom('sessions').where('user_id', '=', auth.principal.id).where('id_hash', '!=', auth.sessionHash).execute();
  });
}

/** Records a refused request (the refusal itself changed nothing). */
export async function recordPermissionDenied(ctx: Ctx, p: Principal, details: Record<string, unknown>): Promise<void> {
  await security(ctx, 'security.permission-denied', p.id, null, { username: p.username, ...details });
}

// ---- API tokens: system-to-system calls, scoped to one agency and one role -------------------

export interface ApiToken {
  id: string;
  name: string;
  agencyId: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Issues a token; the secret is returned once and only its hash is kept. */
export async function issueToken(ctx: Ctx, p: Principal, input: { name: string; agencyId: string; role: Role }): Promise<ApiToken & { token: string }> {
  if (p.kind === 'token') throw new DomainError('forbidden', 'API 令牌不能签发令牌', 403, { action: 'token.manage' });
  if (input.role === 'platform-admin' || !ROLES.includes(input.role)) {
    throw new DomainError('invalid-grant', 'API 令牌不能授予系统管理员角色', 400, { field: 'role' });
  }
  await requireAccess(ctx.db, p, 'token.manage', input.agencyId);
  // A token may not reach further than its issuer could grant to a person.
  await requireGrantable(ctx.db, p, { role: input.role, agencyId: input.agencyId, unitId: null });
  const token = `sx_${randomBytes(32).toString('base64url')}`;
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('api_tokens').values({ id, token_hash: sha256(token), name: input.name, agency_id: input.agencyId, role: input.role, created_by: p.id, created_at: at, revoked_at: null }).execute();
    await ctx.ledger.append(trx, { log: PLATFORM_LOG, actor: p.id, type: 'api-token.issued', subject: id, data: { id, name: input.name, agencyId: input.agencyId, role: input.role } });
  });
  return { id, name: input.name, agencyId: input.agencyId, role: input.role, createdBy: p.id, createdAt: at, revokedAt: null, token };
}

export async function revokeToken(ctx: Ctx, p: Principal, id: string): Promise<void> {
  if (p.kind === 'token') throw new DomainError('forbidden', 'API 令牌不能吊销令牌', 403, { action: 'token.manage' });
  const row = await ctx.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not-found', `令牌不存在：${id}`, 404, { id });
  await requireAccess(ctx.db, p, 'token.manage', row.agency_id);
  if (row.revoked_at) return;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('api_tokens').set({ revoked_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
    await ctx.ledger.append(trx, { log: PLATFORM_LOG, actor: p.id, type: 'api-token.revoked', subject: id, data: { id } });
  });
}

export async function listTokens(ctx: Ctx, p: Principal, agencyId: string): Promise<ApiToken[]> {
  await requireAccess(ctx.db, p, 'token.manage', agencyId);
  const rows = await ctx.db.selectFrom('api_tokens').selectAll().where('agency_id', '=', agencyId).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, agencyId: r.agency_id, role: r.role as Role, createdBy: r.created_by, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

export async function authenticateToken(ctx: Ctx, token: string): Promise<Principal | null> {
  const row = await ctx.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (!row || row.revoked_at) return null;
  // A token lives only as long as its issuer could still issue it.
  const issuer = await ctx.db.selectFrom('users').select('status').where('id', '=', row.created_by).executeTakeFirst();
  if (!issuer || issuer.status !== 'active') return null;
  try {
    await requireGrantable(ctx.db, await principalOf(ctx.db, row.created_by), { role: row.role as Role, agencyId: row.agency_id, unitId: null });
  } catch {
    return null;
  }
  return { id: `token:${row.id}`, kind: 'token', username: `token:${row.name}`, displayName: row.name, grants: [{ role: row.role as Role, agencyId: row.agency_id, unitId: null }] };
}
