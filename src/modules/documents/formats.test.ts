import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { amount, amountInFigures, amountInWords, zhDate, zhDateTime } from './formats.ts';

describe('amounts in capital numerals (大写金额)', () => {
  const cases: Array<[number, string]> = [
    [0, '人民币零元整'],
    [1, '人民币壹分'],
    [50, '人民币伍角'],
    [55, '人民币伍角伍分'],
    [100, '人民币壹元整'],
    [105, '人民币壹元零伍分'],
    [150, '人民币壹元伍角'],
    [1000, '人民币壹拾元整'],
    [20000, '人民币贰佰元整'],
    [300000, '人民币叁仟元整'],
    [500000, '人民币伍仟元整'],
    [500500, '人民币伍仟零伍元整'],
    [1000000, '人民币壹万元整'],
    [1000500, '人民币壹万零伍元整'],
    [1050000, '人民币壹万零伍佰元整'],
    [1234567, '人民币壹万贰仟叁佰肆拾伍元陆角柒分'],
    [10000000, '人民币壹拾万元整'],
    [10050000, '人民币壹拾万零伍佰元整'],
    [20000000, '人民币贰拾万元整'],
    [100000000, '人民币壹佰万元整'],
    [100010000, '人民币壹佰万零壹佰元整'],
    [10000000000, '人民币壹亿元整'],
    [10005000000, '人民币壹亿零伍万元整'],
    [10050000000, '人民币壹亿零伍拾万元整'],
    [10000050000, '人民币壹亿零伍佰元整'],
    [12345678900, '人民币壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整'],
    [100100, '人民币壹仟零壹元整'],
    [101000, '人民币壹仟零壹拾元整'],
    [110000, '人民币壹仟壹佰元整'],
  ];
  for (const [fen, words] of cases) {
    it(`${fen} fen → ${words}`, () => assert.equal(amountInWords(fen), words));
  }

  it('never writes two 零 in a row, never ends in 零, never uses 十 or lower-case digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), (fen) => {
        const w = amountInWords(fen);
        assert.ok(!w.includes('零零'), w);
        assert.ok(!/零(元|整|万|亿)/.test(w) || fen === 0, w);
        assert.ok(!/[一二三四五六七八九十百千]/.test(w), w);
        assert.ok(w.endsWith('整') === (fen % 100 === 0), w);
      }),
    );
  });

  it('reads back to the same number', () => {
    const value = (w: string): number => {
      const d = (c: string) => '零壹贰叁肆伍陆柒捌玖'.indexOf(c);
      const body = w.replace(/^人民币/, '').replace(/整$/, '');
      const [yuanPart, rest = ''] = body.includes('元') ? body.split('元') : ['', body];
      const readSection = (s: string) => {
        let n = 0;
        for (const m of s.matchAll(/([壹贰叁肆伍陆柒捌玖])([拾佰仟]?)/g)) n += d(m[1]!) * ({ '': 1, 拾: 10, 佰: 100, 仟: 1000 } as Record<string, number>)[m[2]!]!;
        return n;
      };
      let yuan = 0;
      let s = yuanPart!;
      const yi = s.split('亿');
      if (yi.length === 2) (yuan += readSection(yi[0]!.replace(/万$/, '')) * 1e8 * (yi[0]!.endsWith('万') ? 1e4 : 1), (s = yi[1]!));
      const wan = s.split('万');
      if (wan.length === 2) (yuan += readSection(wan[0]!) * 1e4, (s = wan[1]!));
      yuan += readSection(s);
      const jiao = /([壹贰叁肆伍陆柒捌玖])角/.exec(rest);
      const fen = /([壹贰叁肆伍陆柒捌玖])分/.exec(rest);
      return yuan * 100 + (jiao ? d(jiao[1]!) * 10 : 0) + (fen ? d(fen[1]!) : 0);
    };
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_9999_9999_99 }), (fen) => assert.equal(value(amountInWords(fen)), fen)));
  });

  it('figures with thousands separators and two decimals', () => {
    assert.equal(amountInFigures(0), '¥0.00');
    assert.equal(amountInFigures(5), '¥0.05');
    assert.equal(amountInFigures(500000), '¥5,000.00');
    assert.equal(amountInFigures(123456789), '¥1,234,567.89');
    assert.equal(amount(500000), '人民币伍仟元整（¥5,000.00）');
  });

  it('refuses fractions of a fen and negative amounts', () => {
    assert.throws(() => amountInWords(1.5), RangeError);
    assert.throws(() => amountInWords(-1), RangeError);
    assert.throws(() => amountInFigures(Number.NaN), RangeError);
  });
});

describe('dates in documents', () => {
  it('writes calendar dates and times in China time', () => {
    assert.equal(zhDate('2026-03-02'), '2026年3月2日');
    assert.equal(zhDate('2026-12-31'), '2026年12月31日');
    assert.equal(zhDateTime('2026-03-02T09:05'), '2026年3月2日9时05分');
    assert.equal(zhDateTime('2026-03-02 14:30'), '2026年3月2日14时30分');
    assert.equal(zhDateTime('2026-03-01T16:30:00.000Z'), '2026年3月2日0时30分');
    assert.equal(zhDateTime('2026-03-02'), '2026年3月2日');
    assert.throws(() => zhDate('March 2'), RangeError);
  });
});
