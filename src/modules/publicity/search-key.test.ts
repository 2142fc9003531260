import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ftsRowid, KEYS_PER_DAY, keyOnDay, searchKeyBounds, searchKeysOfDay } from './search-key.ts';

const day = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2150, 11, 31) }).map((t) => new Date(t).toISOString().slice(0, 10));

describe('portal search key follows the decision date (issue 8 Performance: a date range is a key range)', () => {
  it('keys of a later decision date are all greater; a day holds KEYS_PER_DAY keys', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        const ka = searchKeysOfDay(a);
        const kb = searchKeysOfDay(b);
        assert.equal(ka.last - ka.first + 1, KEYS_PER_DAY);
        if (a < b) assert.ok(ka.last < kb.first);
        if (a === b) assert.deepEqual(ka, kb);
      }),
    );
  });

  it('a date is inside [from, to] exactly when its keys are inside the bounds of the range', () => {
    fc.assert(
      fc.property(day, day, day, (d, x, y) => {
        const [from, to] = x <= y ? [x, y] : [y, x];
        const { min, max, exact } = searchKeyBounds(from, to);
        assert.equal(exact, true);
        const k = searchKeysOfDay(d).first + 7;
        assert.equal(k >= min! && k <= max!, d >= from && d <= to);
        assert.equal(keyOnDay(k, d), true);
      }),
    );
  });

  it('open ends have no bound; dates before 2000 are not exact (the date itself must be tested)', () => {
    assert.deepEqual(searchKeyBounds(undefined, undefined), { min: null, max: null, exact: true });
    assert.equal(searchKeyBounds('2026-03-01').max, null);
    assert.equal(searchKeyBounds('1999-12-31').exact, false);
    assert.equal(searchKeyBounds(undefined, '1998-01-01').exact, false);
  });

  it('the last day of the span still fits a PostgreSQL integer', () => {
    assert.ok(searchKeysOfDay('2179-06-30').last <= 2_147_483_647);
    assert.ok(searchKeysOfDay('9999-12-31').last <= 2_147_483_647);
  });

  it('FTS5 rowids are minus the keys: newer decisions have smaller rowids (FTS5 walks ascending cheaply)', () => {
    const a = searchKeysOfDay('2026-01-15').first;
    const b = searchKeysOfDay('2026-02-20').first;
    assert.ok(ftsRowid(b) < ftsRowid(a));
  });
});
