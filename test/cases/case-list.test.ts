/**
 * The case list's paging and overdue filter (issue 6 "Web console" and "Performance"): pages follow
 * one another newest first with nothing skipped or repeated, also for "my cases"; "overdue" is
 * exactly the visible cases with a deadline past, most overdue first — whether one agency or
 * every visible agency is listed. (The query shapes behind them keep the list flat at a million cases:
 * docs/performance.md.)
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../harness/engines.ts';
import { loginAs, type Session } from '../harness/http.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { chinaDate } from '../../src/kernel/dates.ts';
import { rebuildProjections } from '../../src/ledger/rebuild.ts';

interface Listed {
  items: { id: string; agencyId: string }[];
  next: string | null;
}

describeEachEngine('case list paging and overdue filter', (ctx) => {
  let server: FastifyInstance;
  let head: Session;
  let officer: Session;
  let admin: Session;
  let agencyId: string;

  before(async () => {
    await seedDemo(ctx(), { cases: true });
    server = await buildServer(ctx(), { webDir: null });
    head = await loginAs(server, 'whzf-head');
    officer = await loginAs(server, 'whzf-officer1');
    admin = await loginAs(server, 'admin');
    agencyId = (await ctx().db.selectFrom('agencies').select('id').where('code', '=', 'hy-whzf').executeTakeFirstOrThrow()).id;
  });
  after(() => server.close());

  const list = async (who: Session, query: string): Promise<Listed> => {
    const res = await server.inject({ url: `/api/cases?${query}`, headers: who });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Listed;
  };
  /** Every page of `query`, one case per page, following the cursor. */
  const paged = async (who: Session, query: string) => {
    const ids: string[] = [];
    let next: string | null = null;
    do {
      const page: Listed = await list(who, `${query}&limit=1${next ? `&after=${next}` : ''}`);
      ids.push(...page.items.map((c) => c.id));
      next = page.next;
    } while (next);
    return ids;
  };
  const newestFirst = async (ids: string[]) => {
    const rows = await ctx().db.selectFrom('cases').select(['id', 'created_at']).where('id', 'in', ids).execute();
    return rows.sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1)).map((r) => r.id);
  };

  it('pages one case at a time give the whole list, newest first, nothing skipped or repeated', async () => {
    const all = (await list(head, `agencyId=${agencyId}&limit=100`)).items.map((c) => c.id);
    assert.ok(all.length > 3, 'the demo agency has cases');
    assert.deepEqual(all, await newestFirst(all));
    assert.deepEqual(await paged(head, `agencyId=${agencyId}`), all);
  });

  it('“my cases” pages the same way (walked from the officer’s own index)', async () => {
    const mine = (await list(officer, 'handler=me&limit=100')).items.map((c) => c.id);
    assert.ok(mine.length > 1, 'the demo officer handles cases');
    assert.deepEqual(mine, await newestFirst(mine));
    assert.deepEqual(await paged(officer, 'handler=me'), mine);
  });

  it('filtered by registration date, the list is ordered by that date (then creation), pages included; a cursor of another order is refused', async () => {
    const rows = await ctx().db.selectFrom('cases').select(['id', 'registered_on', 'created_at']).where('agency_id', '=', agencyId).execute();
    const days = [...new Set(rows.map((r) => r.registered_on))].sort();
    assert.ok(days.length >= 2, 'the demo cases were registered on several days');
    const [from, to] = [days[0]!, days[days.length - 2]!];
    const key = (r: (typeof rows)[number]) => `${r.registered_on}|${r.created_at}|${r.id}`;
    const want = rows.filter((r) => r.registered_on >= from && r.registered_on <= to).sort((a, b) => (key(a) < key(b) ? 1 : -1)).map((r) => r.id);
    assert.ok(want.length > 1 && want.length < rows.length);
    assert.deepEqual((await list(head, `agencyId=${agencyId}&from=${from}&to=${to}&limit=100`)).items.map((c) => c.id), want);
    assert.deepEqual(await paged(head, `agencyId=${agencyId}&from=${from}&to=${to}`), want);
    for (const other of [(await list(head, `agencyId=${agencyId}&limit=1`)).next!, (await list(head, `agencyId=${agencyId}&overdue=true&limit=1`)).next!]) {
      const res = await server.inject({ url: `/api/cases?agencyId=${agencyId}&from=${from}&after=${other}`, headers: head });
      assert.equal(res.statusCode, 400, 'a cursor of the creation or the overdue order');
      assert.equal(res.json().code, 'validation-failed');
    }
  });

  it('with a text search, overdue and a date range only filter: newest first on both engines', async () => {
    const today = chinaDate(ctx().clock);
    const all = (await list(head, `agencyId=${agencyId}&q=${encodeURIComponent('衡阳')}&limit=100`)).items.map((c) => c.id);
    const late = new Set((await ctx().db.selectFrom('case_deadlines').select('case_id').where('due', '<', today).execute()).map((d) => d.case_id));
    const want = all.filter((id) => late.has(id));
    assert.ok(want.length > 0, 'the demo has overdue 衡阳 cases');
    assert.deepEqual((await list(head, `agencyId=${agencyId}&q=${encodeURIComponent('衡阳')}&overdue=true&limit=100`)).items.map((c) => c.id), want);
  });

  it('each case carries the earliest due date of its open deadlines (next_due), after every act of the demo and after a rebuild', async () => {
    const check = async () => {
      const cases = await ctx().db.selectFrom('cases').select(['id', 'next_due']).execute();
      const due = await ctx().db.selectFrom('case_deadlines').select(['case_id', 'due']).execute();
      const first = new Map<string, string>();
      for (const d of due) if (!first.has(d.case_id) || d.due < first.get(d.case_id)!) first.set(d.case_id, d.due);
      assert.ok(first.size > 0);
      for (const c of cases) assert.equal(c.next_due, first.get(c.id) ?? null, c.id);
    };
    await check();
    await rebuildProjections(ctx().db, ctx().ledger);
    await check();
  });

  it('overdue lists exactly the visible cases with a deadline past, most overdue first, for one agency and for all of them', async () => {
    const today = chinaDate(ctx().clock);
    const late = await ctx().db.selectFrom('case_deadlines').select(['case_id', 'agency_id', 'due']).where('due', '<', today).execute();
    assert.ok(late.length > 0, 'the demo has overdue deadlines');
    const want = async (agency?: string) => {
      const ids = [...new Set(late.filter((d) => !agency || d.agency_id === agency).map((d) => d.case_id))];
      const rows = await ctx().db.selectFrom('cases').select(['id', 'created_at']).where('id', 'in', ids).execute();
      const firstDue = (id: string) => late.filter((d) => d.case_id === id).map((d) => d.due).sort()[0]!;
      const key = (r: (typeof rows)[number]) => `${firstDue(r.id)}|${r.created_at}|${r.id}`;
      return rows.sort((a, b) => (key(a) < key(b) ? -1 : 1)).map((r) => r.id);
    };
    assert.deepEqual((await list(head, `agencyId=${agencyId}&overdue=true&limit=100`)).items.map((c) => c.id), await want(agencyId));
    assert.deepEqual((await list(admin, 'overdue=true&limit=100')).items.map((c) => c.id), await want());
    assert.deepEqual(await paged(head, `agencyId=${agencyId}&overdue=true`), await want(agencyId));
    const other = await ctx().db.selectFrom('agencies').select('id').where('id', '!=', agencyId).executeTakeFirstOrThrow();
    assert.deepEqual((await list(head, `agencyId=${other.id}&overdue=true`)).items, [], 'another agency’s cases stay invisible');
    // Each case's earliest open due date lives on its row (the list's order); a rebuild of the
    // projections keeps it, read back from the deadlines.
    await rebuildProjections(ctx().db, ctx().ledger);
    assert.deepEqual((await list(admin, 'overdue=true&limit=100')).items.map((c) => c.id), await want());
  });
});
