import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { ftsMatch, likePatterns, pgTokens, searchText, searchTokens } from './chinese.ts';

/** A real FTS5 table, as the modules create it, holding `docs`. */
function ftsOf(docs: string[]) {
  const db = new Database(':memory:');
  db.exec(`create virtual table s using fts5(tokens, tokenize = 'unicode61', content = '')`);
  const ins = db.prepare('insert into s(rowid, tokens) values (?, ?)');
  docs.forEach((d, i) => ins.run(i + 1, searchText(d)));
  const find = (q: string): number[] => {
    const m = ftsMatch(q);
    return m === null ? [] : (db.prepare('select rowid from s where s match ? order by rowid').pluck().all(m) as number[]);
  };
  return { find, close: () => db.close() };
}

describe('Chinese search kernel (bigram index)', () => {
  const docs = ['蒸湘区云端网吧接纳未成年人上网', '石鼓区某演出公司未经批准举办营业性演出', '文物保护单位建设控制地带内违法施工', 'KTV 歌舞娱乐场所超时营业'];

  it('finds 2-character words (网吧, 演出) that a trigram index cannot', () => {
    const s = ftsOf(docs);
    assert.deepEqual(s.find('网吧'), [1]);
    assert.deepEqual(s.find('演出'), [2]);
    s.close();
  });

  it('finds 3+ character phrases only where the characters are adjacent', () => {
    const s = ftsOf([...docs, '未成 年人']);
    assert.deepEqual(s.find('接纳未成年人'), [1]);
    assert.deepEqual(s.find('未成年人'), [1], 'the spaced 未成 年人 is not the phrase');
    assert.deepEqual(s.find('营业性演出'), [2]);
    s.close();
  });

  it('requires every term; a single character and latin words match as prefixes', () => {
    const s = ftsOf(docs);
    assert.deepEqual(s.find('网吧 未成年'), [1]);
    assert.deepEqual(s.find('网吧 演出'), []);
    assert.deepEqual(s.find('文'), [3]);
    assert.deepEqual(s.find('ktv'), [4]);
    assert.deepEqual(s.find('ＫＴＶ'), [4], 'full-width latin is normalised');
    assert.equal(ftsMatch('  ，。 '), null);
    s.close();
  });

  it('quotes what FTS5 would read as syntax', () => {
    const s = ftsOf(['a"b NEAR c']);
    assert.doesNotThrow(() => s.find('"b NEAR ( *'));
    s.close();
  });

  it('property: every substring of 2+ characters of an indexed CJK text is found', () => {
    const hanzi = fc.constantFrom(...'网吧演出文物接纳未成年人营业性场所歌舞娱乐罚款警告'.split(''));
    fc.assert(
      fc.property(fc.array(hanzi, { minLength: 2, maxLength: 30 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const text = chars.join('');
        const start = a % (chars.length - 1);
        const len = 2 + (b % (chars.length - start - 1));
        const q = chars.slice(start, start + len).join('');
        const s = ftsOf([text, '无关的文本']);
        const found = s.find(q);
        s.close();
        return found.includes(1);
      }),
      { numRuns: 200 },
    );
  });

  it('PostgreSQL side: containment tokens plus a LIKE recheck', () => {
    assert.deepEqual(pgTokens('接纳未成年人'), ['接纳', '纳未', '未成', '成年', '年人']);
    assert.equal(pgTokens('文'), null, 'a single character is left to LIKE');
    assert.deepEqual(likePatterns('网吧，100%达标'), ['%网吧%', '%100%', '%达标%'], 'punctuation splits terms, so no pattern holds a LIKE wildcard');
    for (const t of pgTokens('网吧 演出')!) assert.ok(searchTokens(docs[0]!, docs[1]!).includes(t));
  });
});
