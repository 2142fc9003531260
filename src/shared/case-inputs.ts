/**
 * What each case act takes, as strict schemas (unknown fields refused). The server validates
 * request bodies with them and documents them in OpenAPI; the console imports the types only.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CASE_SOURCE_LABELS, PENALTY_KINDS, REMEDY_OUTCOMES, SERVICE_METHODS, type CaseAct } from './cases.ts';
import { MANUAL_FLAGS } from './review-catalog.ts';

const Body = <T extends Record<string, TSchema>>(props: T, description: string) => Type.Object(props, { additionalProperties: false, description });
const Text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, pattern: '\\S', ...(description ? { description } : {}) });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateText = (description: string) => Type.String({ format: 'date', description });
/** The act's legal date; today when absent. Never in the future. */
const On = Type.Optional(DateText('办理日期（默认今日）'));
/** Money in fen (分): ¥1 = 100. Up to ¥100 billion. */
const Fen = (description: string) => Type.Integer({ minimum: 0, maximum: 10_000_000_000_000, description });
const Ids = (description: string) => Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 10, uniqueItems: true, description });
const Reason = Text(1000, '理由');

export const PenaltyInput = Type.Object(
  {
    kinds: Type.Array(Type.Union(PENALTY_KINDS.map((k) => Type.Literal(k))), { minItems: 1, maxItems: 12, uniqueItems: true, description: '处罚种类' }),
    fineFen: Nullable(Fen('罚款（分）')),
    confiscatedGainsFen: Nullable(Fen('没收违法所得（分）')),
    confiscatedPropertyFen: Nullable(Fen('没收非法财物价值（分）')),
    description: Type.String({ maxLength: 1000, description: '处罚内容说明' }),
  },
  { additionalProperties: false, description: '处罚内容（金额以分计）' },
);

export const PartyInput = Type.Object(
  {
    kind: Type.Union([Type.Literal('person'), Type.Literal('organisation')]),
    name: Text(100, '当事人名称或姓名'),
    idNumber: Nullable(Type.String({ minLength: 1, maxLength: 32, description: '身份证号或统一社会信用代码' })),
    representative: Nullable(Type.String({ minLength: 1, maxLength: 50, description: '法定代表人或负责人' })),
    address: Nullable(Type.String({ minLength: 1, maxLength: 200 })),
    phone: Nullable(Type.String({ minLength: 1, maxLength: 32 })),
    minor: Type.Boolean({ description: '当事人为未成年人' }),
  },
  { additionalProperties: false, description: '当事人' },
);

const EvidenceInput = Type.Object(
  { kind: Text(20, '证据种类（书证、物证、视听资料、电子数据、证人证言、当事人陈述、鉴定意见、勘验笔录、现场笔录）'), description: Text(1000, '证据描述') },
  { additionalProperties: false },
);
const Benchmark = Nullable(Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), level: Text(50, '裁量等级') }, { additionalProperties: false, description: '适用的裁量基准及等级' }));

export const CASE_ACT_INPUTS = {
  'register-clue': Body(
    {
      on: On,
      agencyId: Type.String({ minLength: 1, maxLength: 64 }),
      unitId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
      field: Text(20, '执法领域'),
      source: Type.Union(Object.keys(CASE_SOURCE_LABELS).map((k) => Type.Literal(k)), { description: '案件来源' }),
      cause: Text(200, '案由'),
      summary: Text(4000, '线索内容'),
      actOn: Type.Optional(Nullable(DateText('违法行为发生（终了）日期'))),
      seriousHarm: Type.Optional(Type.Boolean({ description: '涉及生命健康安全、金融安全且有危害后果（时效五年）' })),
      parties: Type.Array(PartyInput, { minItems: 1, maxItems: 20 }),
    },
    '线索登记',
  ),
  file: Body({ on: On, handlerIds: Ids('承办人（执法人员 id，至少两名）'), benchmark: Type.Optional(Benchmark) }, '立案（负责人批准）'),
  decline: Body({ on: On, reason: Reason }, '不予立案'),
  'record-inspection': Body(
    { on: On, officerIds: Ids('在场执法人员'), place: Text(200, '检查地点'), content: Text(8000, '检查情况'), evidence: Type.Optional(Type.Array(EvidenceInput, { maxItems: 50 })) },
    '现场检查（勘验）笔录',
  ),
  'record-questioning': Body(
    { on: On, officerIds: Ids('询问人'), person: Text(100, '被询问人'), content: Text(8000, '询问内容'), evidence: Type.Optional(Type.Array(EvidenceInput, { maxItems: 50 })) },
    '调查询问笔录',
  ),
  'add-evidence': Body({ on: On, items: Type.Array(EvidenceInput, { minItems: 1, maxItems: 50 }) }, '登记证据'),
  'preserve-evidence': Body({ on: On, officerIds: Ids('执法人员'), items: Type.Array(Text(200), { minItems: 1, maxItems: 100, description: '保存物品' }) }, '先行登记保存（负责人批准）'),
  'handle-preservation': Body({ on: On, preservationId: Type.String({ minLength: 1, maxLength: 64 }), outcome: Text(1000, '处理决定') }, '先行登记保存处理决定'),
  'close-investigation': Body(
    {
      on: On,
      outcome: Type.Union([Type.Literal('penalise'), Type.Literal('no-penalty'), Type.Literal('transfer')], { description: '处理意见：给予处罚／不予处罚／移送' }),
      findings: Text(8000, '调查认定的事实'),
      proposedPenalty: Type.Optional(Nullable(PenaltyInput)),
      firstViolation: Type.Optional(Type.Boolean({ description: '初次违法且危害后果轻微并及时改正（第三十三条）' })),
      majorFlags: Type.Optional(Type.Array(Type.Union(MANUAL_FLAGS.map((f) => Type.Literal(f))), { uniqueItems: true, description: '重大执法决定法制审核目录的人工标记' })),
      firstViolationReason: Type.Optional(Type.String({ maxLength: 2000, pattern: '\\S', description: '首违仍拟处罚的理由（第三十三条）' })),
      benchmark: Type.Optional(Benchmark),
      secret: Type.Optional(Type.Boolean({ description: '案件核心事实涉及国家秘密：决定不予公示（118号 二）' })),
    },
    '调查终结（负责人审批）',
  ),
  'approve-discretion': Body({ on: On, penalty: PenaltyInput, reason: Reason }, '批准超出裁量基准的处罚'),
  notify: Body(
    {
      on: On,
      servedOn: DateText('告知书送达日期'),
      proposedPenalty: PenaltyInput,
      facts: Text(8000, '违法事实'),
      reasons: Text(4000, '理由'),
      basis: Text(2000, '依据'),
      majorFlags: Type.Optional(Type.Array(Type.Union(MANUAL_FLAGS.map((f) => Type.Literal(f))), { uniqueItems: true, description: '重大执法决定法制审核目录的人工标记' })),
    },
    '行政处罚事先告知',
  ),
  'record-statement': Body(
    { on: On, text: Text(8000, '陈述申辩内容'), adopted: Type.Boolean({ description: '是否采纳' }), review: Text(4000, '复核意见'), waived: Type.Optional(Type.Boolean({ description: '当事人明确放弃陈述申辩和听证' })) },
    '陈述申辩复核',
  ),
  'request-hearing': Body({ on: On }, '当事人申请听证'),
  'schedule-hearing': Body(
    { on: On, date: DateText('听证日期'), place: Text(200, '听证地点'), presiderUserId: Type.String({ minLength: 1, maxLength: 64, description: '听证主持人（用户 id）' }), noticeServedOn: DateText('听证通知送达日期') },
    '听证通知',
  ),
  'record-hearing': Body({ on: On, partyAbsent: Type.Optional(Type.Boolean({ description: '当事人无正当理由未到场' })), record: Text(8000, '听证笔录') }, '听证笔录'),
  'record-discussion': Body({ on: On, participants: Type.Array(Text(50), { minItems: 3, maxItems: 30, description: '参加人' }), conclusion: Text(4000, '讨论结论') }, '集体讨论'),
  decide: Body({ on: On, penalty: PenaltyInput, basis: Text(2000, '处罚依据') }, '作出行政处罚决定（负责人）'),
  'decide-no-penalty': Body({ on: On, reason: Reason, basis: Text(2000, '依据') }, '作出不予行政处罚决定（负责人）'),
  transfer: Body({ on: On, to: Text(100, '移送机关'), reason: Reason }, '移送'),
  serve: Body(
    {
      on: On,
      method: Type.Union(SERVICE_METHODS.map((m) => Type.Literal(m)), { description: '直接送达／留置送达／邮寄送达／公告送达／电子送达' }),
      receivedOn: Type.Optional(Nullable(DateText('邮寄送达：送达回执上的签收日期'))),
      recipient: Text(100, '受送达人'),
      officerIds: Ids('送达人'),
      addressConfirmed: Type.Optional(Type.Boolean({ description: '当事人已签署送达地址确认书（电子送达须有）' })),
    },
    '送达',
  ),
  'record-payment': Body({ on: On, amountFen: Type.Integer({ minimum: 1, maximum: 10_000_000_000_000 }), receiptNo: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))) }, '缴纳罚款'),
  'approve-deferral': Body({ on: On, dueOn: DateText('新的缴纳期限'), reason: Reason }, '批准延期（分期）缴纳'),
  'record-remedy': Body(
    {
      on: On,
      kind: Type.Union([Type.Literal('reconsideration'), Type.Literal('litigation')]),
      from: DateText('申请（起诉）日期'),
      to: Type.Optional(Nullable(DateText('终结日期'))),
      outcome: Type.Optional(Nullable(Type.Union(REMEDY_OUTCOMES.map((o) => Type.Literal(o)), { description: '复议决定／裁判结果：维持、变更、撤销、确认违法、确认无效、申请撤回（终结时填写）' }))),
    },
    '行政复议／行政诉讼',
  ),
  'send-reminder': Body({ on: On }, '履行催告'),
  close: Body({ on: On, ground: Type.Union(['performed', 'enforced', 'not-needed', 'revoked', 'transferred', 'no-penalty'].map((g) => Type.Literal(g)), { description: '结案理由' }) }, '结案'),
  archive: Body({ on: On }, '归档'),
  'revoke-filing': Body({ on: On, reason: Reason }, '撤销立案'),
  suspend: Body({ on: On, reason: Reason }, '中止'),
  resume: Body({ on: On, reason: Reason }, '恢复'),
  extend: Body({ on: On, days: Type.Integer({ minimum: 1, maximum: 365, description: '延长天数' }), reason: Reason }, '延期（负责人批准）'),
  recuse: Body(
    {
      on: On,
      officerId: Type.String({ minLength: 1, maxLength: 64, description: '回避的承办人（执法人员 id）' }),
      reason: Reason,
      replacementOfficerId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64, description: '接替的执法人员' }))),
    },
    '回避（负责人决定）',
  ),
  'decide-on-the-spot': Body(
    {
      on: On,
      agencyId: Type.String({ minLength: 1, maxLength: 64 }),
      unitId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
      field: Text(20, '执法领域'),
      cause: Text(200, '案由'),
      parties: Type.Array(PartyInput, { minItems: 1, maxItems: 1 }),
      officerIds: Ids('执法人员（两名）'),
      place: Text(200, '地点'),
      facts: Text(4000, '违法事实'),
      basis: Text(2000, '处罚依据'),
      penalty: PenaltyInput,
      rightsTold: Type.Literal(true, { description: '已告知当事人陈述申辩权利并听取意见' }),
      partyStatement: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
      partySigned: Type.Boolean({ description: '当事人签收（false：拒绝签收，已注明）' }),
      collected: Type.Optional(
        Nullable(
          Type.Object(
            { amountFen: Type.Integer({ minimum: 1, maximum: 10_000_000_000_000 }), receiptNo: Text(64, '专用票据号'), reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) },
            { additionalProperties: false, description: '当场收缴罚款' },
          ),
        ),
      ),
    },
    '当场处罚决定（简易程序）',
  ),
  'report-on-the-spot': Body({ on: On }, '当场处罚备案'),
} satisfies Record<CaseAct, TSchema>;

export type CaseActInputs = { [A in CaseAct]: Static<(typeof CASE_ACT_INPUTS)[A]> };
export type PenaltyInputT = Static<typeof PenaltyInput>;
