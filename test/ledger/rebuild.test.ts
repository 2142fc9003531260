import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachEngine, TEST_ADMIN } from '../harness/engines.ts';
import { rebuildProjections } from '../../src/ledger/rebuild.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { listAgencies, updateAgency, updateUnit } from '../../src/modules/identity/agencies.service.ts';
import { changeCertificate, listOfficers, updateOfficer } from '../../src/modules/identity/officers.service.ts';
import { listUsers, updateUser } from '../../src/modules/identity/users.service.ts';

describeEachEngine('projections are a pure function of the events', (ctx) => {
  it('dropping and rebuilding every projection table from the logs gives the same rows', async () => {
    const app = ctx();
    await seedDemo(app);
    const [bureau, enforcement] = await listAgencies(app.db);
    await updateAgency(app, TEST_ADMIN, enforcement!.id, 1, { creditCode: '11430400MB1234567X' }, '补录统一社会信用代码');
    await updateUnit(app, TEST_ADMIN, bureau!.units[0]!.id, 1, { name: '行政审批服务科' }, '机构改革更名');
    // Every kind of identity event, so the replay exercises every projector.
    const someone = (await listUsers(app, TEST_ADMIN, {})).find((u) => u.username === 'whzf-publicity')!;
    await updateUser(app, TEST_ADMIN, someone.id, someone.version, { displayName: '新公示员', roles: [{ role: 'publicity-editor', agencyId: enforcement!.id, unitId: enforcement!.units[1]!.id }] }, '岗位调整');
    const [officer] = await listOfficers(app, TEST_ADMIN, { q: '刘建国' });
    let o = await updateOfficer(app, TEST_ADMIN, officer!.id, officer!.version, { post: '副局长', fields: ['文化市场', '文物'] }, '职务调整');
    o = await changeCertificate(app, TEST_ADMIN, o.id, o.version, 'suspend', { reason: '调查' });
    o = await changeCertificate(app, TEST_ADMIN, o.id, o.version, 'reinstate', { reason: '调查结束' });
    o = await changeCertificate(app, TEST_ADMIN, o.id, o.version, 'renew', { reason: '换证', validTo: '2031-12-31', certificateNo: '43040120999' });
    await changeCertificate(app, TEST_ADMIN, o.id, o.version, 'revoke', { reason: '调离' });
    const types = new Set((await app.db.selectFrom('events').select('type').execute()).map((e) => e.type));
    for (const t of ['user.updated', 'officer.updated', 'officer.suspended', 'officer.reinstated', 'officer.renewed', 'officer.revoked', 'unit.updated', 'agency.updated']) {
      assert.ok(types.has(t), `the ledger has a ${t} event to replay`);
    }

    const dump = async () => {
      const out: Record<string, unknown[]> = {};
      for (const table of app.ledger.projectionTables) {
        const rows = await app.db.selectFrom(table as 'agencies').selectAll().execute();
        out[table] = rows.map((r) => JSON.stringify(r)).sort();
      }
      return out;
    };
    const before = await dump();
    assert.ok((before.agencies?.length ?? 0) >= 4);
    const replayed = await rebuildProjections(app.db, app.ledger);
    assert.ok(replayed > 15);
    assert.deepEqual(await dump(), before);
  });
});
