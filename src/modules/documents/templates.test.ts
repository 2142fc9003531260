import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOCUMENT_KIND_NAMES, DOCUMENT_KINDS } from '../../shared/documents.ts';
import { specText, type DocumentSpec } from './document.spec.ts';
import { buildDocument, defaultRemedy, penaltyText } from './templates.ts';
import { sampleCase, sampleInputs } from './templates.testing.ts';

const text = (s: DocumentSpec) => specText(s).replace(/\s+/g, '');

describe('document templates', () => {
  const inputs = sampleInputs();

  it('builds every kind from the case record, titled as the catalogue says, unnumbered until issued', () => {
    for (const kind of DOCUMENT_KIND_NAMES) {
      const spec = buildDocument(kind, inputs[kind] as never);
      assert.equal(spec.kind, kind);
      assert.equal(spec.title, DOCUMENT_KINDS[kind].zh);
      assert.equal(spec.agencyName, '衡阳市文化市场综合执法局');
      assert.equal(spec.number, null);
      assert.ok(spec.blocks.length >= 3, kind);
      // The spec goes into the ledger: plain JSON that survives a round trip.
      assert.deepEqual(JSON.parse(JSON.stringify(spec)), spec);
    }
  });

  it('the penalty decision carries every item of Art 59', () => {
    const t = text(buildDocument('penalty-decision', inputs['penalty-decision']));
    // (一) party's name and address
    assert.ok(t.includes('当事人：衡阳市极速网络科技有限公司'));
    assert.ok(t.includes('住所：湖南省衡阳市蒸湘区解放西路88号'));
    // (二) facts and evidence
    assert.ok(t.includes('接纳3名未成年人进入营业场所上网'));
    assert.ok(t.includes('以上事实有下列证据证明') && t.includes('监控录像截图6张'));
    // (三) kind and basis
    assert.ok(t.includes('依据《互联网上网服务营业场所管理条例》第三十一条第（二）项的规定'));
    assert.ok(t.includes('警告') && t.includes('罚款人民币伍仟元整（¥5,000.00）'));
    // (四) manner and period of performance, late fee
    assert.ok(t.includes('自收到本决定书之日起十五日内，到中国工商银行衡阳分行营业部缴纳罚款'));
    assert.ok(t.includes('每日按罚款数额的百分之三加处罚款'));
    // (五) remedies and their periods
    assert.ok(t.includes('六十日内向衡阳市人民政府申请行政复议'));
    assert.ok(t.includes('六个月内向衡阳市蒸湘区人民法院提起行政诉讼'));
    assert.ok(t.includes('不停止执行'));
    // (六) agency and date, with the seal block
    const seal = buildDocument('penalty-decision', inputs['penalty-decision']).blocks.find((b) => b.type === 'seal');
    assert.deepEqual(seal, { type: 'seal', agencyName: '衡阳市文化市场综合执法局', date: '2026年3月2日' });
    // The procedure that led here: notice served, statement reviewed.
    assert.ok(t.includes('2026年2月22日向你单位送达了《行政处罚事先告知书》'));
    assert.ok(t.includes('不予采纳'));
  });

  it('the prior notice states facts, reasons, basis and the proposal (Art 44), and the hearing right only where Art 63 applies', () => {
    const without = text(buildDocument('prior-notice', inputs['prior-notice']));
    for (const s of ['一、违法事实', '二、处罚理由和依据', '三、拟作出的行政处罚', '陈述和申辩', '三个工作日内', '罚款人民币伍仟元整']) assert.ok(without.includes(s), s);
    assert.ok(!without.includes('听证'));
    const r = sampleCase();
    r.notice = { ...r.notice!, hearingRight: true, proposedPenalty: { kinds: ['fine', 'suspend-business'], fineFen: 2000000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '责令停业整顿十五日' } };
    const withHearing = text(buildDocument('prior-notice', { ...inputs['prior-notice'], caseRecord: r }));
    assert.ok(withHearing.includes('有权要求举行听证'));
    assert.ok(withHearing.includes('五个工作日内'));
    assert.ok(withHearing.includes('罚款人民币贰万元整（¥20,000.00）'));
    assert.ok(withHearing.includes('责令停产停业') && withHearing.includes('责令停业整顿十五日'));
  });

  it('the on-the-spot decision carries the items of Art 52②', () => {
    const spec = buildDocument('on-the-spot-decision', inputs['on-the-spot-decision']);
    const t = text(spec);
    for (const s of ['未在显著位置悬挂娱乐经营许可证', '《娱乐场所管理条例》第五十条', '警告', '2026年3月5日20时30分', '中山北路12号', '六十日内', '六个月内', '衡阳市文化市场综合执法局']) assert.ok(t.includes(s), s);
    const signatures = spec.blocks.find((b) => b.type === 'signatures');
    assert.ok(signatures && signatures.type === 'signatures' && signatures.lines.filter((l) => l.label === '执法人员签名').length === 2);
    const collected = text(
      buildDocument('on-the-spot-decision', {
        ...inputs['on-the-spot-decision'],
        onTheSpot: { ...inputs['on-the-spot-decision'].onTheSpot, penalty: { kinds: ['fine'], fineFen: 5000, confiscatedGainsFen: null, confiscatedPropertyFen: null, description: '' }, collected: { amountFen: 5000, receiptNo: 'HN0012345' } },
      }),
    );
    assert.ok(collected.includes('当场收缴') && collected.includes('HN0012345') && collected.includes('人民币伍拾元整'));
  });

  it('records name the officers with their certificate numbers (Art 55)', () => {
    for (const kind of ['inspection-record', 'questioning-record'] as const) {
      const t = text(buildDocument(kind, inputs[kind] as never));
      assert.ok(t.includes('刘建国（执法证号：43040120001）'), kind);
      assert.ok(t.includes('张晓明（执法证号：43040120002）'), kind);
      assert.ok(t.includes('回避'), kind);
    }
  });

  it('the reminder states period, manner, amount and the right to be heard (强制法 Art 35)', () => {
    const t = text(buildDocument('payment-reminder', inputs['payment-reminder']));
    for (const s of ['十日内', '缴纳罚款人民币伍仟元整', '加处罚款人民币壹仟零伍拾元整', '中国工商银行衡阳分行营业部', '陈述和申辩', '申请人民法院强制执行', '衡文执罚决字〔2026〕第12号']) assert.ok(t.includes(s), s);
  });

  it('the no-penalty decision gives reason, basis and remedies, and the education Art 33 asks for', () => {
    const t = text(buildDocument('no-penalty-decision', inputs['no-penalty-decision']));
    for (const s of ['不予行政处罚的理由和依据', '第三十三条第一款', '决定对你单位不予行政处罚', '进行了教育', '六十日内', '六个月内']) assert.ok(t.includes(s), s);
  });

  it('a natural person is addressed as 你 and shown with ID number and address', () => {
    const r = sampleCase();
    r.parties = [{ kind: 'person', name: '李某', idNumber: '430408199001011234', representative: null, address: '衡阳市石鼓区某路1号', phone: null, minor: false }];
    const t = text(buildDocument('penalty-decision', { ...inputs['penalty-decision'], caseRecord: r }));
    assert.ok(t.includes('当事人：李某') && t.includes('身份证号码：430408199001011234') && t.includes('住址：衡阳市石鼓区某路1号'));
    assert.ok(t.includes('你如不服本决定') && t.includes('决定对你作出如下行政处罚') && !t.includes('你单位如不服'));
  });

  it('defaults the reconsideration body to the government of the agency’s level', () => {
    assert.equal(defaultRemedy('衡阳市文化市场综合执法局').reconsiderationBody, '衡阳市人民政府');
    assert.equal(defaultRemedy('长沙市岳麓区文化旅游体育局').reconsiderationBody, '长沙市岳麓区人民政府');
    assert.equal(defaultRemedy('湖南省文化和旅游厅').reconsiderationBody, '湖南省人民政府');
  });

  it('writes penalties with amounts in capitals and figures', () => {
    assert.equal(
      penaltyText({ kinds: ['warning', 'fine', 'confiscate-gains', 'revoke-licence'], fineFen: 1000000, confiscatedGainsFen: 123456, confiscatedPropertyFen: null, description: '吊销网络文化经营许可证' }),
      '警告；罚款人民币壹万元整（¥10,000.00）；没收违法所得人民币壹仟贰佰叁拾肆元伍角陆分（¥1,234.56）；吊销许可证件；吊销网络文化经营许可证',
    );
  });
});
