import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Party } from '../../shared/cases.ts';
import { specText } from '../documents/document.spec.ts';
import { buildDocument } from '../documents/templates.ts';
import { sampleInputs } from '../documents/templates.testing.ts';
import { PersonalData, scanForPersonalData, idCheckDigit } from '../../../test/publicity/personal-data.ts';
import {
  applyRedactions,
  findRedactions,
  idChecksumValid,
  luhnValid,
  mergeSpans,
  REDACTION_LABELS,
  REDACTION_MASK,
  type RedactionFacts,
  type RedactionKind,
  type RedactionSpan,
} from './redaction.ts';

const ORG: Party = {
  kind: 'organisation',
  name: '衡阳市极速网络科技有限公司',
  idNumber: '91430408MA4L12345X',
  representative: '王建军',
  address: '湖南省衡阳市蒸湘区解放西路88号',
  phone: '0734-8888888',
  minor: false,
};
const PERSON: Party = {
  kind: 'person',
  name: '李志强',
  idNumber: `43040819900315123${idCheckDigit('43040819900315123')}`,
  representative: null,
  address: '湖南省衡阳市蒸湘区船山大道166号金源小区3栋2单元501室',
  phone: '13873412345',
  minor: false,
};
const orgFacts = (otherPersons: string[] = []): RedactionFacts => ({ parties: [ORG], otherPersons });
const personFacts = (otherPersons: string[] = []): RedactionFacts => ({ parties: [PERSON], otherPersons });

const redact = (text: string, facts: RedactionFacts) => applyRedactions(text, findRedactions(text, facts));
const kinds = (text: string, facts: RedactionFacts): RedactionKind[] => findRedactions(text, facts).map((s) => s.kind);
/** The text of each span. */
const masked = (text: string, facts: RedactionFacts) => findRedactions(text, facts).map((s) => text.slice(s.start, s.end));

describe('redaction: check digits', () => {
  it('GB 11643 公民身份号码 check digit (X = 10) and Luhn card check', () => {
    assert.equal(idChecksumValid(PERSON.idNumber!), true);
    assert.equal(idChecksumValid('11010519491231002X'), true);
    assert.equal(idChecksumValid('110105194912310021'), false);
    assert.equal(luhnValid('4111111111111111'), true);
    assert.equal(luhnValid('4111111111111112'), false);
  });
});

describe('《政府信息公开条例》第十五条、《行政处罚法》第五十条: natural persons’ ID numbers are masked', () => {
  it('a checksum-valid 18-digit ID is masked wherever it appears, even in an organisation’s decision with no keyword', () => {
    const id = `43042119880723041${idCheckDigit('43042119880723041')}`;
    const t = `经营者登记的网管为${id}，已辞退。`;
    assert.deepEqual(kinds(t, orgFacts()), ['id-number']);
    assert.equal(redact(t, orgFacts()), `经营者登记的网管为${REDACTION_MASK}，已辞退。`);
  });
  it('an ID written with spaces, full-width digits or a lower-case x is masked', () => {
    const id18 = PERSON.idNumber!;
    const fullWidth = id18.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    for (const id of [id18.replace(/(\d{4})(?=\d)/g, '$1 '), fullWidth, '11010519491231002x']) {
      assert.deepEqual(masked(`证件：${id}。`, orgFacts()), [id], id);
    }
  });
  it('over-masks: an ID-like 18/15-digit number with a wrong check digit is masked when a natural person is concerned', () => {
    const bad = PERSON.idNumber!.slice(0, 17) + (PERSON.idNumber!.endsWith('0') ? '1' : '0');
    assert.deepEqual(kinds(`号码${bad}`, orgFacts()), [], 'no person, no keyword: an arbitrary number stays');
    assert.deepEqual(kinds(`号码${bad}`, personFacts()), ['id-number'], 'a person party');
    assert.deepEqual(kinds(`身份证号${bad}`, orgFacts()), ['id-number'], 'an ID keyword');
    assert.deepEqual(kinds(`证人赵芷晗，号码${bad}`, orgFacts(['赵芷晗'])), ['third-person-name', 'id-number'], 'a third person in the sentence');
    assert.deepEqual(kinds(`旧身份证430408900315123`, orgFacts()), ['id-number'], '15-digit ID of the old format');
  });
  it('an organisation’s 统一社会信用代码, name and legal representative are published unmasked', () => {
    const t = `当事人：${ORG.name}\n统一社会信用代码：${ORG.idNumber}\n法定代表人（负责人）：${ORG.representative}\n住所：${ORG.address}`;
    assert.deepEqual(findRedactions(t, orgFacts([ORG.representative!])), []);
    const allDigits = { ...ORG, idNumber: '924304081234567890' };
    assert.deepEqual(findRedactions(`统一社会信用代码：${allDigits.idNumber}`, { parties: [allDigits], otherPersons: [] }), []);
  });
  it('a person party’s recorded ID is masked however it is written; the party’s own name is not', () => {
    const t = `当事人：李志强\n身份证号码：${PERSON.idNumber!.slice(0, 6)}-${PERSON.idNumber!.slice(6, 14)}-${PERSON.idNumber!.slice(14)}`;
    assert.equal(redact(t, personFacts()), `当事人：李志强\n身份证号码：${REDACTION_MASK}`);
  });
});

describe('telephone numbers are masked', () => {
  it('mobiles with or without +86, spaces, dashes, full-width digits; landlines with or without brackets', () => {
    for (const p of ['13912345678', '139 1234 5678', '139-1234-5678', '+86 139 1234 5678', '+86-13912345678', '(+86)13912345678', '１３９１２３４５６７８', '0734-8123456', '（0734）81234567', '0734 8123 4567']) {
      assert.deepEqual(masked(`联系电话${p}。`, orgFacts()), [p], p);
    }
  });
  it('dates, amounts, decision numbers and officers’ certificate numbers are not phones', () => {
    const t = '2026年3月2日，罚款人民币伍仟元整（¥5,000.00），衡文执罚决字〔2026〕第12号，刘建国（执法证号：43040120001）、张晓明（执法证号：19040120002）。';
    assert.deepEqual(findRedactions(t, personFacts()), []);
  });
});

describe('bank accounts are masked (natural persons’ and organisations’)', () => {
  it('Luhn-valid card numbers of 16–19 digits, plain or grouped', () => {
    for (const c of ['6222021234567890128', '6222 0212 3456 7890 128', '4111-1111-1111-1111']) {
      assert.ok(luhnValid(c.replace(/\D/g, '')), c);
      assert.deepEqual(masked(`用卡${c}支付`, orgFacts()), [c], c);
    }
  });
  it('an organisation’s account next to 账号/开户 is masked even though accounts carry no Luhn digit', () => {
    assert.deepEqual(masked('（户名：衡阳市财政局非税收入汇缴专户；账号：1904 0000 0000 0000 000）', orgFacts()), ['1904 0000 0000 0000 000']);
    assert.deepEqual(masked('开户行：中国建设银行衡阳分行，43001652061052500921', orgFacts()), ['43001652061052500921']);
  });
});

describe('natural persons’ home addresses are masked', () => {
  it('the person party’s recorded address verbatim, and shortened without the province and city', () => {
    const t = `住址：${PERSON.address}。当事人在船山大道166号金源小区3栋2单元501室内经营。`;
    assert.deepEqual(masked(t, personFacts()), [PERSON.address, '船山大道166号金源小区3栋2单元501室']);
  });
  it('an address after 住 or in a sentence naming a natural person; the organisation’s address is not', () => {
    assert.deepEqual(masked('证人（男，住衡阳县西渡镇石塘村3组25号）证实', orgFacts()), ['衡阳县西渡镇石塘村3组25号']);
    assert.deepEqual(masked('赵芷晗现居衡阳市石鼓区中山北路12号湘江公寓2栋301室。', orgFacts(['赵芷晗'])), ['赵芷晗', '衡阳市石鼓区中山北路12号湘江公寓2栋301室']);
    assert.deepEqual(findRedactions(`当事人经营的“极速网吧”（衡阳市蒸湘区解放西路88号）接纳未成年人；住所：${ORG.address}`, orgFacts()), []);
    assert.deepEqual(findRedactions('本机关地址：衡阳市华新开发区船山大道88号。', personFacts()), [], 'the agency’s address in a sentence naming no one');
  });
});

describe('a person named directly before 住 / 住址 / 居住在 / 家住, whom the case file does not list: the name and the address are masked', () => {
  it('X住…, X居住在…, X家住…, X住址：… — the name, the address, and the name wherever else it appears', () => {
    const cases: [string, string][] = [
      ['钱晗翊住衡阳市蒸湘区船山大道88号3栋501室', '衡阳市蒸湘区船山大道88号3栋501室'],
      ['钱晗翊居住在衡阳县西渡镇石塘村3组15号', '衡阳县西渡镇石塘村3组15号'],
      ['钱晗翊家住湖南省衡阳市衡南县云集镇枫林村5组8号', '湖南省衡阳市衡南县云集镇枫林村5组8号'],
      ['钱晗翊住址：衡阳市石鼓区中山北路12号湘江公寓2栋301室', '衡阳市石鼓区中山北路12号湘江公寓2栋301室'],
      ['钱晗翊目前居住在船山大道166号金源小区3栋2单元501室', '船山大道166号金源小区3栋2单元501室'],
      ['欧阳晗居住在石塘村3组15号', '石塘村3组15号'],
    ];
    for (const [t, address] of cases) {
      const name = t.startsWith('欧阳') ? '欧阳晗' : '钱晗翊';
      assert.deepEqual(masked(`经走访，${t}，其证实当事人夜间营业。${name}在笔录上签名。`, orgFacts()), [name, address, name], t);
    }
  });
  it('where the text does not show where the name starts (查明张芷住…), every reading is masked', () => {
    assert.equal(redact('经走访查明张芷住衡阳县西渡镇石塘村3组15号。张芷称其常见未成年人进出。', orgFacts()), `经走访查${REDACTION_MASK}住${REDACTION_MASK}。${REDACTION_MASK}称其常见未成年人进出。`);
  });
  it('a role word then a name then 住: the name ends before 住, so its other occurrences are masked too', () => {
    assert.equal(redact('证人钱晗住衡阳市蒸湘区船山大道88号3栋501室。钱晗称不知情。', orgFacts()), `证人${REDACTION_MASK}住${REDACTION_MASK}。${REDACTION_MASK}称不知情。`);
  });
  it('the party’s own name and the legal representative stay published; 王某, 全家 are not names; the address is masked all the same', () => {
    assert.deepEqual(masked('李志强住衡阳市石鼓区中山北路12号湘江公寓2栋301室。', personFacts()), ['衡阳市石鼓区中山北路12号湘江公寓2栋301室']);
    assert.deepEqual(masked('王建军家住衡阳市石鼓区中山北路12号湘江公寓2栋301室。', orgFacts()), ['衡阳市石鼓区中山北路12号湘江公寓2栋301室']);
    assert.deepEqual(masked('网管王某住衡阳市石鼓区中山北路12号湘江公寓2栋301室。', orgFacts()), ['衡阳市石鼓区中山北路12号湘江公寓2栋301室']);
    assert.deepEqual(masked('其全家住在衡阳县西渡镇石塘村3组15号。', orgFacts()), ['衡阳县西渡镇石塘村3组15号']);
  });
  it('住 not followed by an address, and 住宅 in an address, introduce no one', () => {
    assert.deepEqual(findRedactions('经营者钱晗翊住所不明，当事人称其住宅小区无网吧。', orgFacts()), []);
    assert.deepEqual(masked('钱晗翊住华新住宅小区3栋501室。', orgFacts()), ['钱晗翊', '华新住宅小区3栋501室']);
  });
  it('a road named after a city ending in 州 (衡州大道) is one address, not two', () => {
    assert.deepEqual(masked('证人（男，住衡阳市珠晖区衡州大道88号雁城花园14栋2单元1903室）证实', orgFacts()), ['衡阳市珠晖区衡州大道88号雁城花园14栋2单元1903室']);
  });
});

describe('health information is masked clause by clause', () => {
  it('a clause with a health keyword goes whole', () => {
    const t = '另查明，证人赵芷晗患有抑郁症，案发时由其亲属陪同。';
    assert.equal(redact(t, orgFacts(['赵芷晗'])), `另查明，${REDACTION_MASK}，案发时由其亲属陪同。`);
    assert.equal(redact('当事人称其怀孕六个月，请求从轻处罚。', personFacts()), `${REDACTION_MASK}，请求从轻处罚。`);
  });
  it('statute titles and the idioms of official prose are not health information', () => {
    const t = '根据上级文件精神，依据《中华人民共和国传染病防治法》和《精神卫生法》的规定，推进精神文明建设。';
    assert.deepEqual(findRedactions(t, orgFacts()), []);
  });
});

describe('names of natural persons other than the party are masked, every occurrence', () => {
  it('third persons masked; the party and the representative published', () => {
    const t = '李志强雇用的网管赵芷晗、钱翊锴在场，赵芷晗称不知情。';
    assert.equal(redact(t, personFacts(['赵芷晗', '钱翊锴', '李志强'])), `李志强雇用的网管${REDACTION_MASK}、${REDACTION_MASK}在场，${REDACTION_MASK}称不知情。`);
    assert.equal(redact('法定代表人王建军到场。', orgFacts(['王建军'])), '法定代表人王建军到场。');
  });
  it('a name the text introduces by a role (证人, 消费者, 网管 …) is masked everywhere, even when the case file does not list it', () => {
    const t = '消费者褚樾使用银行卡支付，证人：欧阳晗称其在场，网管王某未到。褚樾、欧阳晗均签名确认。';
    assert.equal(redact(t, orgFacts()), `消费者${REDACTION_MASK}使用银行卡支付，证人：${REDACTION_MASK}称其在场，网管王某未到。${REDACTION_MASK}、${REDACTION_MASK}均签名确认。`);
    assert.equal(redact('网管王建军在场。', orgFacts()), '网管王建军在场。', 'the legal representative is published');
  });
  it('a name inside a longer published name is not masked there', () => {
    assert.equal(redact('当事人李志强与李志作证。', personFacts(['李志'])), `当事人李志强与${REDACTION_MASK}作证。`);
  });
});

describe('applyRedactions', () => {
  const span = (start: number, end: number, kind: RedactionKind = 'manual', by: 'auto' | 'editor' = 'editor'): RedactionSpan => ({ start, end, kind, reason: '测试', by });
  it('replaces every span by the fixed mask, merging overlaps, in any order', () => {
    assert.equal(applyRedactions('abcdefghij', [span(6, 8), span(1, 3), span(2, 4)]), `a${REDACTION_MASK}ef${REDACTION_MASK}ij`);
    assert.equal(applyRedactions('abc', []), 'abc');
    assert.equal(applyRedactions('abc', [span(0, 3)]), REDACTION_MASK);
  });
  it('mergeSpans keeps the kind of the longest span; an editor’s span wins a tie', () => {
    assert.deepEqual(mergeSpans([span(0, 2, 'phone', 'auto'), span(1, 6, 'address', 'auto')]).map((s) => [s.start, s.end, s.kind]), [[0, 6, 'address']]);
    assert.deepEqual(mergeSpans([span(0, 4, 'phone', 'auto'), span(0, 4, 'manual', 'editor')]).map((s) => s.by), ['editor']);
  });
  it('every kind has a Chinese and English label', () => {
    for (const k of Object.values(REDACTION_LABELS)) assert.ok(k.zh && k.en);
  });
});

describe('the penalty decision of a natural person, redacted, shows no personal data and keeps what is published', () => {
  it('118号 item 二: the 决定书 text of the template with planted data', () => {
    const gen = new PersonalData(8, new Set(['刘建国', '张晓明', '李志强']));
    const party = gen.personParty('李志强');
    const { text: facts, persons } = gen.factsParagraph('李志强', '衡阳市蒸湘区解放西路88号“极速网吧”');
    const inputs = sampleInputs()['penalty-decision'];
    const doc = buildDocument('penalty-decision', { ...inputs, caseRecord: { ...inputs.caseRecord, parties: [party] }, facts });
    const text = specText(doc);
    assert.equal(scanForPersonalData(text, gen.planted).length, gen.planted.filter((p) => p.kind !== 'phone' || text.includes(p.value)).length, 'positive control');
    const out = redact(text, { parties: [party], otherPersons: persons });
    assert.deepEqual(scanForPersonalData(out, gen.planted), []);
    for (const kept of ['李志强', '《互联网上网服务营业场所管理条例》第三十一条第（二）项', '罚款人民币伍仟元整', '衡阳市人民政府', '六十日内']) assert.ok(out.includes(kept), kept);
  });
});

describe('property: planted personal data never survives redaction', () => {
  it('random facts paragraphs with random persons (listed in the case file or not, and one named only by where they live), in organisation and person decisions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), fc.boolean(), (seed, person, listed) => {
        const gen = new PersonalData(seed, new Set(['李志强', '王建军']));
        const party = person ? gen.personParty('李志强') : ORG;
        const { text: facts, persons, unlisted } = gen.factsParagraph(party.name, '衡阳市石鼓区中山北路12号“欢乐歌厅”');
        const partyText = person ? `当事人：李志强\n身份证号码：${party.idNumber}\n住址：${party.address}\n联系电话：${party.phone}\n` : '';
        const text = `${partyText}${facts}`;
        // Listed: the case file records the witnesses; not listed: only the text's phrasing names anyone.
        const f = { parties: [party], otherPersons: listed ? persons : [] };
        assert.ok(unlisted.every((n) => !f.otherPersons.includes(n) && text.includes(n)), 'the neighbour is named by the text alone');
        const spans = findRedactions(text, f);
        for (let i = 1; i < spans.length; i++) assert.ok(spans[i - 1]!.end <= spans[i]!.start, 'sorted, non-overlapping');
        const out = applyRedactions(text, spans);
        assert.deepEqual(scanForPersonalData(out, gen.planted), [], out);
        assert.ok(out.includes(party.name));
        assert.equal(applyRedactions(out, findRedactions(out, f)).length <= out.length, true);
      }),
      { numRuns: 300 },
    );
  });
});
