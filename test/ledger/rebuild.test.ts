import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachEngine, TEST_ADMIN } from '../harness/engines.ts';
import { rebuildProjections } from '../../src/ledger/rebuild.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { listAgencies, updateAgency, updateUnit } from '../../src/modules/identity/agencies.service.ts';

describeEachEngine('projections are a pure function of the events', (ctx) => {
  it('dropping and rebuilding every projection table from the logs gives the same rows', async () => {
    const app = ctx();
    await seedDemo(app);
    const [bureau, enforcement] = await listAgencies(app.db);
    await updateAgency(app, TEST_ADMIN, enforcement!.id, 1, { creditCode: '11430400MB1234567X' }, '补录统一社会信用代码');
    await updateUnit(app, TEST_ADMIN, bureau!.units[0]!.id, 1, { name: '行政审批服务科' }, '机构改革更名');

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
