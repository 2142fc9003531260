/**
 * The standard documents, built from the case record (and, where the record does not hold it,
 * from what the act that issues the document knows). Each builder writes the items the law asks
 * of that document — 行政处罚法 Art 59 for the decision, Art 52② for the on-the-spot decision,
 * Art 44 for the prior notice, 行政强制法 Art 35 for the reminder — in the wording agencies use,
 * and leaves blanks (lines, empty boxes, 年 月 日) for what is written or signed by hand, so a
 * printed document is usable as it is.
 *
 * Pure: no database, no clock. `buildDocument(kind, input)` returns a DocumentSpec with
 * `number: null`; the number is allocated when the document is issued.
 */
import { CASE_SOURCE_LABELS, PENALTY_KIND_LABELS, type ActingOfficer, type CaseRecord, type Party, type Penalty, type ServiceMethod } from '../../shared/cases.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/documents.ts';
import { chineseNumber, type Block, type DocumentSpec, type Field } from './document.spec.ts';
import { amount, BLANK_DATE, zhDate, zhDateTime } from './formats.ts';
import { placeOf } from './numbering.ts';
import { proposalDigest } from '../cases/cases.record.ts';

// ---- inputs ---------------------------------------------------------------------------------

export interface AgencyInfo {
  /** Full name, as on the seal. */
  name: string;
  /** 联系地址 / 联系人 / 联系电话, printed where the party is asked to respond. */
  address?: string;
  contact?: string;
  phone?: string;
}

/** 复议机关 and 人民法院 named in a decision (Art 59(五)). */
export interface RemedyInfo {
  /** E.g. 衡阳市人民政府 (复议法 2023 Art 24: the government at the same level). */
  reconsiderationBody: string;
  /** E.g. 衡阳市石鼓区人民法院. */
  court: string;
}

/** Where and how money is paid. */
export interface PaymentInfo {
  /** E.g. 中国工商银行衡阳分行营业部 (or 非税收入缴款方式 as text). */
  bank?: string;
  accountName?: string;
  account?: string;
}

/** What every document of a case takes. */
export interface BaseInput {
  agency: AgencyInfo;
  caseRecord: CaseRecord;
  /** The document's date (YYYY-MM-DD): printed with the seal, and the year of its number. */
  on: string;
  /** The party the document is addressed to; defaults to the case's first party. */
  party?: Party;
}

export interface PersonPresent {
  name: string;
  /** 与当事人关系 / 职务 */
  role?: string;
  idNumber?: string;
  phone?: string;
}

export interface Interviewee extends PersonPresent {
  gender?: string;
  age?: number;
  /** 工作单位及职务 */
  employer?: string;
  address?: string;
}

export interface ServedDocument {
  title: string;
  number: string | null;
}


export const SERVICE_METHOD_LABELS: Record<ServiceMethod, string> = {
  direct: '直接送达',
  left: '留置送达',
  post: '邮寄送达',
  announcement: '公告送达',
  electronic: '电子送达',
};

export const CLOSING_GROUND_LABELS: Record<string, string> = {
  performed: '处罚决定已履行完毕',
  enforced: '经人民法院强制执行完毕',
  'not-needed': '无需执行',
  revoked: '处罚决定已被依法撤销',
  transferred: '案件已移送有关机关',
  'no-penalty': '决定不予行政处罚',
};

export { REVIEW_CHECKLIST } from '../../shared/reviews.ts';
import { REVIEW_CHECKLIST } from '../../shared/reviews.ts';

/** The input each kind takes: the case plus what the issuing act knows. */
export interface TemplateInputs {
  'case-filing-approval': BaseInput & { opinions?: Opinions };
  'inspection-record': BaseInput & {
    inspection: {
      officers: ActingOfficer[];
      place: string;
      /** 检查（勘验）情况 */
      content: string;
      /** Start and end (YYYY-MM-DDTHH:mm, China time); blank lines when not given. */
      startAt?: string;
      endAt?: string;
      recorder?: string;
      /** 现场负责人 or witness present. */
      present?: PersonPresent | null;
    };
  };
  'questioning-record': BaseInput & {
    questioning: {
      officers: ActingOfficer[];
      /** 被询问人 (a name, or the details the form asks for). */
      interviewee: string | Interviewee;
      place?: string;
      startAt?: string;
      endAt?: string;
      recorder?: string;
      /** Questions and answers; or `content` as recorded text; neither: lines to write on. */
      qa?: Array<{ q: string; a: string }>;
      content?: string;
    };
  };
  'preservation-notice': BaseInput & {
    preservation: {
      /** 物品清单: a description per item (name, specification, quantity). */
      items: string[];
      officers?: ActingOfficer[];
      /** 保存地点 and 保存方式 (就地保存 / 异地保存). */
      place?: string;
      manner?: string;
    };
  };
  'preservation-handling-notice': BaseInput & {
    handling: {
      /** 处理决定 */
      outcome: string;
      items?: string[];
      /** When the items were preserved, and the number of that notice. */
      preservedOn?: string;
      preservationNumber?: string | null;
      basis?: string;
    };
  };
  'investigation-closing-approval': BaseInput & { opinions?: Opinions };
  'transfer-form': BaseInput & { transfer: { to: string; reason: string; basis?: string; materials?: string[] } };
  'discussion-record': BaseInput & {
    discussion: {
      participants: string[];
      conclusion: string;
      startAt?: string;
      endAt?: string;
      place?: string;
      presider?: string;
      recorder?: string;
      /** 案情介绍 (defaults to the investigation's findings and proposal). */
      presentation?: string;
      /** Each participant's opinion. */
      opinions?: Array<{ name: string; opinion: string }>;
    };
  };
  'prior-notice': BaseInput & {
    /** Defaults to the record's notice (the `notify` act). */
    notice?: Pick<NonNullable<CaseRecord['notice']>, 'facts' | 'reasons' | 'basis' | 'proposedPenalty' | 'hearingRight'>;
    /** Working days to state and defend (the law sets none; 文物规定 Art 32 says 3). Default 3. */
    statementDays?: number;
  };
  'statement-review': BaseInput & { statement?: NonNullable<CaseRecord['statement']>; opinions?: Opinions };
  'hearing-notice': BaseInput & {
    hearing: {
      /** YYYY-MM-DD, with `time` as text (上午9时00分) or `startAt` (YYYY-MM-DDTHH:mm). */
      date: string;
      time?: string;
      place: string;
      presiderName: string;
      clerk?: string;
      /** 公开举行 unless it involves state secrets, trade secrets or privacy (Art 64(三)). */
      publicHearing?: boolean;
    };
  };
  'hearing-record': BaseInput & {
    hearing: {
      place: string;
      presiderName: string;
      record: string;
      startAt?: string;
      endAt?: string;
      clerk?: string;
      investigators?: string[];
      attendees?: Array<{ name: string; role: string }>;
      partyAbsent?: boolean;
      publicHearing?: boolean;
    };
  };
  'legal-review-opinion': BaseInput & {
    review: {
      reviewers: string[];
      conclusion: 'approved' | 'problems';
      opinion: string;
      /** The proposal reviewed; null: 不予行政处罚 (defaults to the investigation report's). */
      proposedPenalty?: Penalty | null;
      /** Results for REVIEW_CHECKLIST, in order ('符合' or the problem); blank when not given. */
      checklist?: string[];
      submittedOn?: string;
    };
  };
  'penalty-decision': BaseInput & {
    /** Defaults to the record's decision. */
    decision?: { penalty: Penalty; basis: string };
    /** Defaults to the notice's facts, or the investigation's findings. */
    facts?: string;
    /** Evidence listed under the facts; defaults to the record's evidence. */
    evidence?: string[];
    /** Defaults to the notice's reasons. */
    reasons?: string;
    payment?: PaymentInfo;
    remedy?: RemedyInfo;
  };
  'no-penalty-decision': BaseInput & { decision?: { reason: string; basis: string }; facts?: string; remedy?: RemedyInfo };
  'on-the-spot-decision': BaseInput & {
    onTheSpot: {
      officers: ActingOfficer[];
      place: string;
      /** When (YYYY-MM-DDTHH:mm); the date alone if not given. */
      at?: string;
      facts: string;
      basis: string;
      penalty: Penalty;
      partyStatement?: string | null;
      /** Collected on the spot (Art 68) with an official receipt (Art 70). */
      collected?: { amountFen: number; receiptNo: string } | null;
    };
    payment?: PaymentInfo;
    remedy?: RemedyInfo;
  };
  'service-receipt': BaseInput & {
    service: {
      documents: ServedDocument[];
      recipient: string;
      method: ServiceMethod;
      officers: ActingOfficer[];
      place?: string;
      witness?: string;
      note?: string;
    };
  };
  'payment-reminder': BaseInput & {
    reminder?: {
      /** Days to perform after receipt (强制法 Art 54: court after 10 days). Default 10. */
      days?: number;
      /** Defaults to the fine less what was paid. */
      outstandingFen?: number;
      /** 加处罚款 accrued so far (Art 72①), from the deadline engine. */
      lateFeeFen?: number;
      payment?: PaymentInfo;
    };
  };
  'closing-report': BaseInput & { closure?: { ground: string; summary?: string }; opinions?: Opinions };
}

/** Opinions of an internal approval form (承办人 → 承办机构负责人 → 负责人, 湘程序 Art 60). */
export interface Opinions {
  handler?: string;
  unit?: string;
  head?: string;
}

export type TemplateInput<K extends DocumentKind> = TemplateInputs[K];

// ---- helpers --------------------------------------------------------------------------------

const para = (text: string, indent = true): Block => ({ type: 'paragraph', text, indent });
const heading = (text: string): Block => ({ type: 'heading', text });
const fields = (...rows: Array<Field | [Field, Field]>): Block => ({ type: 'fields', rows });
const f = (label: string, value: string | null | undefined): Field => ({ label, value: value ?? '' });
const seal = (i: BaseInput): Block => ({ type: 'seal', agencyName: i.agency.name, date: zhDate(i.on) });
const note = (text: string): Block => ({ type: 'note', text });

function partyOf(i: BaseInput): Party {
  const p = i.party ?? i.caseRecord.parties[0];
  if (!p) throw new Error('the case has no party');
  return p;
}

/** 你 / 你单位 — how a document addresses the party. */
const you = (p: Party) => (p.kind === 'organisation' ? '你单位' : '你');

function partyRows(p: Party): Array<Field | [Field, Field]> {
  if (p.kind === 'organisation') {
    return [f('当事人', p.name), [f('统一社会信用代码', p.idNumber), f('法定代表人', p.representative)], [f('住所（地址）', p.address), f('联系电话', p.phone)]];
  }
  return [[f('当事人', p.name), f('身份证号码', p.idNumber)], [f('住址', p.address), f('联系电话', p.phone)]];
}

/**
 * The party as a decision names it (Art 59(一): name and address), in lines rather than a table,
 * as decisions are set; no telephone number — the decision is published.
 */
function partyLines(p: Party): Block {
  const lines =
    p.kind === 'organisation'
      ? [`当事人：${p.name}`, `统一社会信用代码：${p.idNumber ?? ''}`, `法定代表人（负责人）：${p.representative ?? ''}`, `住所：${p.address ?? ''}`]
      : [`当事人：${p.name}`, `身份证号码：${p.idNumber ?? ''}`, `住址：${p.address ?? ''}`];
  return para(lines.join('\n'), false);
}

/** Addressee line above a notice: 衡阳市某某有限公司： */
const addressee = (p: Party): Block => para(`${p.name}：`, false);

export function officersText(officers: readonly ActingOfficer[]): string {
  return officers.map((o) => (o.certificateNo ? `${o.name}（执法证号：${o.certificateNo}）` : o.name)).join('、');
}

/** The penalty, item by item: 警告；罚款人民币伍仟元整（¥5,000.00）… */
export function penaltyItems(p: Penalty): string[] {
  const out: string[] = [];
  for (const k of p.kinds) {
    if (k === 'fine') out.push(`罚款${p.fineFen !== null ? amount(p.fineFen) : ''}`);
    else if (k === 'confiscate-gains') out.push(`没收违法所得${p.confiscatedGainsFen !== null ? amount(p.confiscatedGainsFen) : ''}`);
    else if (k === 'confiscate-property') out.push(`没收非法财物${p.confiscatedPropertyFen !== null ? `（价值${amount(p.confiscatedPropertyFen)}）` : ''}`);
    else out.push(PENALTY_KIND_LABELS[k].zh);
  }
  if (p.description.trim()) out.push(p.description.trim());
  return out;
}

export function penaltyText(p: Penalty): string {
  return penaltyItems(p).join('；');
}

const money = (p: Penalty) => (p.fineFen ?? 0) + (p.confiscatedGainsFen ?? 0);

/** 2026年3月2日9时30分至11时00分 (the date once when both ends fall on the same day); blanks when unknown. */
function span(from: string | undefined, to: string | undefined): string {
  if (!from) return `${BLANK_DATE}　　时　　分至　　时　　分`;
  const start = zhDateTime(from);
  if (!to) return `${start}至　　时　　分`;
  const end = zhDateTime(to);
  const day = (s: string) => s.slice(0, s.indexOf('日') + 1);
  return `${start}至${day(end) === day(start) ? end.slice(day(end).length) : end}`;
}

function contactLine(a: AgencyInfo): Block[] {
  const who = `联系人：${a.contact ?? '　　　　　　'}　　联系电话：${a.phone ?? '　　　　　　　　'}`;
  return [para(`${who}\n联系地址：${a.address ?? ''}`, false)];
}

/** 衡阳市文化市场综合执法局 → 衡阳市人民政府: the government at the agency's level (复议法 2023 Art 24). */
export function defaultRemedy(agencyName: string): RemedyInfo {
  const { places } = placeOf(agencyName);
  return { reconsiderationBody: places.length > 0 ? `${places.join('')}人民政府` : '有管辖权的行政复议机关', court: '有管辖权的人民法院' };
}

function remedyParagraphs(p: Party, r: RemedyInfo): Block[] {
  return [
    para(`${you(p)}如不服本决定，可以自收到本决定书之日起六十日内向${r.reconsiderationBody}申请行政复议，或者自收到本决定书之日起六个月内向${r.court}提起行政诉讼。`),
    para('当事人对行政处罚决定不服，申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外（《中华人民共和国行政处罚法》第七十三条）。'),
  ];
}

function paymentParagraph(p: Party, pay: PaymentInfo | undefined): string {
  const where = pay?.bank ? `到${pay.bank}` : '到指定银行或者通过电子支付系统';
  const account = pay?.accountName || pay?.account ? `（户名：${pay.accountName ?? ''}；账号：${pay.account ?? ''}）` : '';
  return `${you(p)}应当自收到本决定书之日起十五日内，${where}缴纳罚款${account}。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额（《中华人民共和国行政处罚法》第六十七条、第七十二条）。`;
}

const opinionBox = (label: string, text: string | undefined, signature: string): Block => ({ type: 'box', label, text: text ?? '', minLines: 2, signature });

function approvalBoxes(o: Opinions | undefined, handlerDefault: string): Block[] {
  return [
    opinionBox('承办人意见', o?.handler ?? handlerDefault, '承办人签名'),
    opinionBox('承办机构负责人意见', o?.unit, '签名'),
    opinionBox('行政机关负责人审批意见', o?.head, '签名'),
  ];
}

function caseRows(r: CaseRecord): Array<Field | [Field, Field]> {
  return [[f('案由', r.cause), f('案件编号', r.caseNo)]];
}

const handlersText = (r: CaseRecord) => officersText(r.handlers);

function evidenceList(r: CaseRecord): string[] {
  return r.evidence.map((e) => `${e.kind}：${e.description}`);
}

function spec(kind: DocumentKind, i: BaseInput, blocks: Block[]): DocumentSpec {
  return { kind, agencyName: i.agency.name, title: DOCUMENT_KINDS[kind].zh, number: null, blocks };
}

// ---- the builders ---------------------------------------------------------------------------

type Builders = { [K in DocumentKind]: (i: TemplateInputs[K]) => DocumentSpec };

const BUILDERS: Builders = {
  'case-filing-approval': (i) => {
    const r = i.caseRecord;
    return spec('case-filing-approval', i, [
      fields(
        [f('案件来源', CASE_SOURCE_LABELS[r.source].zh), f('受案时间', zhDate(r.registeredOn))],
        f('案由', r.cause),
        ...partyRows(partyOf(i)),
        [f('执法领域', r.field), f('违法行为发生时间', r.actOn ? zhDate(r.actOn) : '')],
      ),
      { type: 'box', label: '案情摘要', text: r.summary, minLines: 4 },
      fields(f('承办人', handlersText(r))),
      ...approvalBoxes(i.opinions, `经初步核实，当事人涉嫌${r.cause}，有违法事实，属于本机关管辖，且在追责时效内，符合立案条件，建议立案调查。`),
    ]);
  },

  'inspection-record': (i) => {
    const x = i.inspection;
    const p = partyOf(i);
    return spec('inspection-record', i, [
      fields(
        f('检查（勘验）时间', span(x.startAt, x.endAt)),
        f('检查（勘验）地点', x.place),
        ...partyRows(p),
        [f('现场负责人', x.present?.name), f('身份或职务', x.present?.role)],
        f('检查人员', officersText(x.officers)),
        f('记录人', x.recorder),
      ),
      para(
        `执法人员表明身份并出示执法证件，告知：我们是${i.agency.name}的执法人员，现依法进行现场检查（勘验），请予配合。你有权申请执法人员回避；有如实提供情况、不得拒绝或者阻挠检查的义务。`,
      ),
      { type: 'signatures', lines: [{ label: '是否申请回避', date: false }] },
      { type: 'box', label: '检查（勘验）情况', text: x.content, minLines: 8 },
      {
        type: 'signatures',
        lines: [
          { label: '当事人（现场负责人）核对意见', date: false },
          { label: '当事人（现场负责人）签名' },
          { label: '见证人签名' },
          ...x.officers.map((o) => ({ label: '检查人员签名', name: o.name })),
          { label: '记录人签名', ...(x.recorder ? { name: x.recorder } : {}) },
        ],
      },
      note('注：笔录应当交当事人（现场负责人）核对并逐页签名；拒绝签名的，执法人员应当在笔录中注明，并可邀请见证人签名。'),
    ]);
  },

  'questioning-record': (i) => {
    const x = i.questioning;
    const who: Interviewee = typeof x.interviewee === 'string' ? { name: x.interviewee } : x.interviewee;
    const names = x.officers.map((o) => o.name).join('、');
    const certs = x.officers.map((o) => o.certificateNo ?? '').filter(Boolean).join('、');
    const qa: Block[] =
      x.qa && x.qa.length > 0
        ? x.qa.flatMap((e) => [para(`问：${e.q}`, false), para(`答：${e.a}`, false)])
        : x.content
          ? [{ type: 'box', label: '询问记录', text: x.content, minLines: 6 }]
          : [{ type: 'box', label: '询问记录', text: '', minLines: 20 }];
    return spec('questioning-record', i, [
      fields(
        f('询问时间', span(x.startAt, x.endAt)),
        f('询问地点', x.place),
        [f('被询问人', who.name), f('性别', who.gender)],
        [f('身份证号码', who.idNumber), f('年龄', who.age !== undefined ? String(who.age) : '')],
        [f('工作单位及职务', who.employer), f('联系电话', who.phone)],
        [f('住址', who.address), f('与本案关系', who.role)],
        f('询问人', officersText(x.officers)),
        f('记录人', x.recorder),
      ),
      para(
        `问：我们是${i.agency.name}的执法人员${names}${certs ? `，执法证号分别为${certs}` : ''}，这是我们的执法证件（出示执法证件）。现就${i.caseRecord.cause}一案依法向你调查询问。你应当如实回答问题、提供有关证据，不得隐瞒或者作伪证。你有申请执法人员回避的权利，是否申请回避？`,
        false,
      ),
      para('答：', false),
      ...qa,
      para('问：以上笔录请你核对（或者已向你宣读），是否与你所说的一致？', false),
      // The answer is written by hand: 以上笔录我已看过，与我所说的一致。
      { type: 'signatures', lines: [{ label: '答', date: false }] },
      { type: 'signatures', lines: [{ label: '被询问人签名' }, ...x.officers.map((o) => ({ label: '询问人签名', name: o.name })), { label: '记录人签名', ...(x.recorder ? { name: x.recorder } : {}) }] },
      note('注：被询问人应当逐页签名，并在末页写明“以上笔录我已看过（已向我宣读），与我所说的一致”；拒绝签名的，询问人应当在笔录中注明。'),
    ]);
  },

  'preservation-notice': (i) => {
    const p = partyOf(i);
    const x = i.preservation;
    return spec('preservation-notice', i, [
      addressee(p),
      para(
        `${you(p)}涉嫌${i.caseRecord.cause}，本机关在调查中发现下列证据可能灭失或者以后难以取得。依据《中华人民共和国行政处罚法》第五十六条的规定，经本机关负责人批准，决定对下列物品予以先行登记保存。在此期间，${you(p)}或者有关人员不得损毁、销毁或者转移证据。本机关将在七个工作日内作出处理决定。`,
      ),
      fields([f('保存地点', x.place), f('保存方式', x.manner ?? '就地保存')]),
      heading('先行登记保存物品清单'),
      { type: 'list', items: x.items, style: 'decimal' },
      { type: 'signatures', lines: [{ label: '当事人签名' }, ...(x.officers ?? i.caseRecord.handlers).map((o) => ({ label: '执法人员签名', name: o.name }))] },
      seal(i),
      note('注：本通知书一式两份，一份交当事人，一份附卷。'),
    ]);
  },

  'preservation-handling-notice': (i) => {
    const p = partyOf(i);
    const x = i.handling;
    const ref = x.preservationNumber ? `（${x.preservationNumber}）` : '';
    return spec('preservation-handling-notice', i, [
      addressee(p),
      para(`本机关于${x.preservedOn ? zhDate(x.preservedOn) : BLANK_DATE}依法对${you(p)}的下列物品予以先行登记保存${ref}。依据《中华人民共和国行政处罚法》第五十六条${x.basis ? `及${x.basis}` : ''}的规定，现作出如下处理决定：`),
      ...(x.items && x.items.length > 0 ? [{ type: 'list', items: x.items, style: 'decimal' } as Block] : []),
      para(x.outcome),
      ...contactLine(i.agency),
      seal(i),
      note('注：本告知书一式两份，一份交当事人，一份附卷。'),
    ]);
  },

  'investigation-closing-approval': (i) => {
    const r = i.caseRecord;
    const inv = r.investigation;
    const proposal =
      inv?.outcome === 'penalise' && inv.proposedPenalty
        ? `建议给予行政处罚：${penaltyText(inv.proposedPenalty)}。`
        : inv?.outcome === 'no-penalty'
          ? '建议不予行政处罚。'
          : inv?.outcome === 'transfer'
            ? '建议移送有关机关处理。'
            : '';
    const review = r.review.requiredBecause.length > 0 ? `本案须经法制审核（${r.review.requiredBecause.join('；')}）。` : '';
    return spec('investigation-closing-approval', i, [
      fields(...caseRows(r), ...partyRows(partyOf(i)), [f('立案时间', r.filedOn ? zhDate(r.filedOn) : ''), f('调查终结时间', inv ? zhDate(inv.closedOn) : '')], f('承办人', handlersText(r))),
      { type: 'box', label: '调查认定的事实', text: inv?.findings ?? '', minLines: 6 },
      { type: 'box', label: '主要证据', text: evidenceList(r).map((e, n) => `${n + 1}. ${e}`).join('\n'), minLines: 3 },
      ...approvalBoxes(i.opinions, `${proposal}${review}`),
    ]);
  },

  'transfer-form': (i) => {
    const p = partyOf(i);
    const x = i.transfer;
    return spec('transfer-form', i, [
      para(`${x.to}：`, false),
      para(`${p.name}涉嫌${i.caseRecord.cause}一案，经本机关调查，${x.reason.replace(/[。；]$/u, '')}。${x.basis ? `依据${x.basis}的规定，` : ''}现将该案移送你单位处理。`),
      heading('随案移送的材料'),
      { type: 'list', items: x.materials && x.materials.length > 0 ? x.materials : ['案件材料（共　　页）'], style: 'decimal' },
      ...contactLine(i.agency),
      seal(i),
      { type: 'signatures', lines: [{ label: '接收单位签收（盖章）' }, { label: '接收人签名' }] },
      note('注：本移送单一式两份，一份送受移送机关，一份附卷。'),
    ]);
  },

  'discussion-record': (i) => {
    const r = i.caseRecord;
    const x = i.discussion;
    const presentation =
      x.presentation ?? [r.investigation?.findings ?? '', r.investigation?.proposedPenalty ? `承办机构建议：${penaltyText(r.investigation.proposedPenalty)}。` : ''].filter(Boolean).join('\n');
    return spec('discussion-record', i, [
      fields(
        ...caseRows(r),
        f('当事人', partyOf(i).name),
        f('讨论时间', span(x.startAt, x.endAt)),
        [f('讨论地点', x.place), f('主持人', x.presider)],
        f('出席人员', x.participants.join('、')),
        f('记录人', x.recorder),
      ),
      { type: 'box', label: '案情介绍及处理建议', text: presentation, minLines: 4 },
      { type: 'box', label: '讨论意见', text: (x.opinions ?? []).map((o) => `${o.name}：${o.opinion}`).join('\n'), minLines: 6 },
      { type: 'box', label: '讨论决定', text: x.conclusion, minLines: 2 },
      {
        type: 'signatures',
        lines: [
          { label: '主持人签名', ...(x.presider ? { name: x.presider } : {}) },
          ...x.participants.filter((n) => n !== x.presider).map((name) => ({ label: '出席人员签名', name, date: false })),
          { label: '记录人签名', ...(x.recorder ? { name: x.recorder } : {}) },
        ],
      },
    ]);
  },

  'prior-notice': (i) => {
    const r = i.caseRecord;
    const p = partyOf(i);
    const n = i.notice ?? r.notice;
    if (!n) throw new Error('prior notice: no notice in the input or the record');
    const days = i.statementDays ?? 3;
    const rights = [
      para(
        `依据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，${you(p)}有权进行陈述和申辩。${you(p)}可以自收到本告知书之日起${chineseNumber(days)}个工作日内向本机关提出陈述、申辩意见；逾期未提出的，视为放弃陈述、申辩的权利。本机关不因${you(p)}陈述、申辩而给予更重的处罚。`,
      ),
    ];
    if (n.hearingRight) {
      rights.push(
        para(
          `依据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，${you(p)}有权要求举行听证。${you(p)}要求听证的，应当自收到本告知书之日起五个工作日内向本机关提出；逾期未提出的，视为放弃听证的权利。`,
        ),
      );
    }
    const evidence = evidenceList(r);
    return spec('prior-notice', i, [
      addressee(p),
      para(`${you(p)}涉嫌${r.cause}一案，本机关${r.filedOn ? `于${zhDate(r.filedOn)}立案并` : ''}依法进行了调查。依据《中华人民共和国行政处罚法》第四十四条的规定，现将本机关拟作出行政处罚的内容及事实、理由、依据告知如下：`),
      heading('一、违法事实'),
      para(n.facts),
      ...(evidence.length > 0 ? [para('以上事实有下列证据证明：'), { type: 'list', items: evidence, style: 'decimal' } as Block] : []),
      heading('二、处罚理由和依据'),
      para(n.reasons),
      para(`依据：${n.basis}`),
      heading('三、拟作出的行政处罚'),
      para(`本机关拟对${you(p)}作出如下行政处罚：`),
      { type: 'list', items: penaltyItems(n.proposedPenalty), style: 'chinese' },
      heading(n.hearingRight ? '四、陈述、申辩和要求听证的权利' : '四、陈述、申辩的权利'),
      ...rights,
      ...contactLine(i.agency),
      seal(i),
      note('注：本告知书一式两份，一份送达当事人，一份附卷。'),
    ]);
  },

  'statement-review': (i) => {
    const r = i.caseRecord;
    const s = i.statement ?? r.statement;
    const text = s ? (s.waived ? '当事人明确表示放弃陈述、申辩（和听证）的权利。' : s.text) : '';
    const review = s && !s.waived ? `${s.review}\n复核结论：${s.adopted ? '采纳' : '不予采纳'}。` : '';
    return spec('statement-review', i, [
      fields(
        ...caseRows(r),
        f('当事人', partyOf(i).name),
        [f('告知书送达日期', r.notice ? zhDate(r.notice.servedOn) : ''), f('陈述申辩日期', s ? zhDate(s.on) : '')],
        f('拟作出的处罚', r.notice ? penaltyText(r.notice.proposedPenalty) : ''),
      ),
      { type: 'box', label: '当事人陈述、申辩的主要内容', text, minLines: 5 },
      opinionBox('承办人复核意见', review, '承办人签名'),
      opinionBox('承办机构负责人意见', i.opinions?.unit, '签名'),
      opinionBox('行政机关负责人审批意见', i.opinions?.head, '签名'),
      note('注：行政机关不得因当事人陈述、申辩而给予更重的处罚（《中华人民共和国行政处罚法》第四十五条第二款）。'),
    ]);
  },

  'hearing-notice': (i) => {
    const p = partyOf(i);
    const h = i.hearing;
    const when = `${zhDate(h.date)}${h.time ?? ''}`;
    return spec('hearing-notice', i, [
      addressee(p),
      para(
        `根据${you(p)}的申请，依据《中华人民共和国行政处罚法》第六十四条的规定，本机关定于${when}在${h.place}就${you(p)}涉嫌${i.caseRecord.cause}一案举行听证。本次听证${h.publicHearing === false ? '因涉及国家秘密、商业秘密或者个人隐私，依法不公开举行' : '公开举行'}。听证主持人：${h.presiderName}${h.clerk ? `；书记员：${h.clerk}` : ''}。请${you(p)}（法定代表人或者委托代理人）准时出席。`,
      ),
      heading('注意事项'),
      {
        type: 'list',
        style: 'chinese',
        items: [
          '当事人可以亲自参加听证，也可以委托一至二人代理。委托代理人参加听证的，应当在听证开始前提交当事人签名或者盖章的授权委托书，写明委托事项和权限。',
          '当事人认为主持人与本案有直接利害关系的，有权申请回避，并说明理由。',
          '参加听证时请携带身份证明和有关证据材料；有证人出席作证的，请事先告知本机关。',
          '当事人及其代理人无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。',
        ],
      },
      ...contactLine(i.agency),
      seal(i),
      note('注：本通知书应当在举行听证七个工作日前送达当事人（《中华人民共和国行政处罚法》第六十四条）。'),
    ]);
  },

  'hearing-record': (i) => {
    const h = i.hearing;
    const p = partyOf(i);
    return spec('hearing-record', i, [
      fields(
        ...caseRows(i.caseRecord),
        f('听证时间', span(h.startAt, h.endAt)),
        [f('听证地点', h.place), f('听证方式', h.publicHearing === false ? '不公开' : '公开')],
        [f('主持人', h.presiderName), f('书记员', h.clerk)],
        f('案件调查人员', (h.investigators ?? i.caseRecord.handlers.map((o) => o.name)).join('、')),
        f('当事人', p.name),
        f('法定代表人、委托代理人等', (h.attendees ?? []).map((a) => `${a.name}（${a.role}）`).join('、')),
      ),
      para('主持人宣布听证纪律，核对听证参加人身份，宣布案由，告知当事人的权利和义务，询问当事人是否申请回避。案件调查人员提出当事人违法的事实、证据和行政处罚建议，当事人进行申辩和质证。'),
      ...(h.partyAbsent ? [para('当事人及其代理人无正当理由未出席听证，视为放弃听证权利（《中华人民共和国行政处罚法》第六十四条），本机关终止听证。')] : []),
      { type: 'box', label: '听证记录', text: h.record, minLines: 12 },
      para('以上笔录已交当事人（代理人）核对无误。', false),
      { type: 'signatures', lines: [{ label: '当事人（代理人）签名' }, { label: '案件调查人员签名' }, { label: '主持人签名', name: h.presiderName }, { label: '书记员签名', ...(h.clerk ? { name: h.clerk } : {}) }] },
      note('注：听证笔录应当交当事人或者其代理人核对无误后签字或者盖章；拒绝签字或者盖章的，由听证主持人在笔录中注明（《中华人民共和国行政处罚法》第六十四条）。'),
    ]);
  },

  'legal-review-opinion': (i) => {
    const r = i.caseRecord;
    const x = i.review;
    const proposal = x.proposedPenalty !== undefined ? x.proposedPenalty : r.investigation?.outcome === 'no-penalty' ? null : (r.investigation?.proposedPenalty ?? undefined);
    const results = REVIEW_CHECKLIST.map(([label, item], n) => f(label, `${item}。\n审核结果：${x.checklist?.[n] ?? ''}`));
    return spec('legal-review-opinion', i, [
      fields(
        ...caseRows(r),
        f('当事人', partyOf(i).name),
        [f('送审时间', x.submittedOn ? zhDate(x.submittedOn) : ''), f('审核人员', x.reviewers.join('、'))],
        f('纳入审核理由', r.review.requiredBecause.join('；')),
        f('拟作出的决定', proposal === null ? '不予行政处罚' : proposal ? penaltyText(proposal) : ''),
      ),
      heading('审核事项'),
      fields(...results),
      {
        type: 'box',
        label: '审核意见',
        text: `${x.conclusion === 'approved' ? '同意。' : '存在问题，退回承办机构补充、纠正后重新送审。'}\n${x.opinion}`,
        minLines: 4,
        signature: '审核人员签名',
      },
      opinionBox('法制审核机构负责人意见', undefined, '签名'),
      note('注：重大执法决定未经法制审核或者审核未通过的，不得作出决定（《中华人民共和国行政处罚法》第五十八条）。'),
    ]);
  },

  'penalty-decision': (i) => {
    const r = i.caseRecord;
    const p = partyOf(i);
    const d = i.decision ?? (r.decision?.penalty ? { penalty: r.decision.penalty, basis: r.decision.basis } : null);
    if (!d) throw new Error('penalty decision: no decision in the input or the record');
    const facts = i.facts ?? r.notice?.facts ?? r.investigation?.findings ?? '';
    const evidence = i.evidence ?? evidenceList(r);
    const reasons = i.reasons ?? r.notice?.reasons ?? '';
    const pay = money(d.penalty) > 0 ? [para(paymentParagraph(p, i.payment))] : [];
    const otherKinds = d.penalty.kinds.filter((k) => !['fine', 'confiscate-gains', 'warning', 'public-criticism'].includes(k));
    if (otherKinds.length > 0) pay.push(para(`${otherKinds.map((k) => PENALTY_KIND_LABELS[k].zh).join('、')}自本决定书送达之日起执行。`));
    if (pay.length === 0) pay.push(para('本决定自送达之日起生效。'));
    return spec('penalty-decision', i, [
      partyLines(p),
      para(procedureText(r, p, d.penalty)),
      heading('一、违法事实和证据'),
      para(facts),
      ...(evidence.length > 0 ? [para('以上事实有下列证据证明：'), { type: 'list', items: evidence, style: 'decimal' } as Block] : []),
      heading('二、行政处罚的理由、依据和内容'),
      ...(reasons ? [para(reasons)] : []),
      para(`依据${d.basis.replace(/[。；]$/u, '')}的规定，本机关决定对${you(p)}作出如下行政处罚：`),
      { type: 'list', items: penaltyItems(d.penalty), style: 'chinese' },
      heading('三、履行方式和期限'),
      ...pay,
      heading('四、申请行政复议或者提起行政诉讼的途径和期限'),
      ...remedyParagraphs(p, i.remedy ?? defaultRemedy(i.agency.name)),
      para(`${you(p)}逾期不申请行政复议、不提起行政诉讼，又不履行本决定的，本机关将依法申请人民法院强制执行。本决定将依法向社会公开。`),
      seal(i),
      note('注：本决定书一式两份，一份送达当事人，一份附卷。'),
    ]);
  },

  'no-penalty-decision': (i) => {
    const r = i.caseRecord;
    const p = partyOf(i);
    const d = i.decision ?? (r.decision?.kind === 'no-penalty' ? { reason: r.decision.reason ?? '', basis: r.decision.basis } : null);
    if (!d) throw new Error('no-penalty decision: no decision in the input or the record');
    const facts = i.facts ?? r.investigation?.findings ?? '';
    // Art 33③: a party not penalised is to be educated.
    const educate = r.firstViolation || /第三十三条|轻微/u.test(`${d.reason}${d.basis}`);
    return spec('no-penalty-decision', i, [
      partyLines(p),
      para(`${you(p)}涉嫌${r.cause}一案，本机关${r.filedOn ? `于${zhDate(r.filedOn)}立案并` : ''}依法进行了调查。${reviewedText(r, null)}`),
      heading('一、调查认定的事实'),
      para(facts),
      heading('二、不予行政处罚的理由和依据'),
      para(d.reason),
      para(`依据${d.basis.replace(/[。；]$/u, '')}的规定，本机关决定对${you(p)}不予行政处罚。`),
      ...(educate ? [para(`本机关已对${you(p)}进行了教育，请${you(p)}今后严格遵守有关法律、法规和规章的规定。`)] : []),
      heading('三、申请行政复议或者提起行政诉讼的途径和期限'),
      para(
        `${you(p)}如不服本决定，可以自收到本决定书之日起六十日内向${(i.remedy ?? defaultRemedy(i.agency.name)).reconsiderationBody}申请行政复议，或者自收到本决定书之日起六个月内向${(i.remedy ?? defaultRemedy(i.agency.name)).court}提起行政诉讼。`,
      ),
      seal(i),
      note('注：本决定书一式两份，一份送达当事人，一份附卷。'),
    ]);
  },

  'on-the-spot-decision': (i) => {
    const p = partyOf(i);
    const x = i.onTheSpot;
    const payment = x.collected
      ? `罚款已由执法人员当场收缴，并出具专用票据（票据号：${x.collected.receiptNo}，金额：${amount(x.collected.amountFen)}）（《中华人民共和国行政处罚法》第六十八条、第七十条）。`
      : money(x.penalty) > 0
        ? paymentParagraph(p, i.payment)
        : '';
    return spec('on-the-spot-decision', i, [
      fields(...partyRows(p), [f('处罚时间', x.at ? zhDateTime(x.at) : zhDate(i.on)), f('处罚地点', x.place)]),
      heading('违法事实'),
      para(x.facts),
      heading('处罚的种类和依据'),
      para(`${you(p)}的上述行为违反了有关规定。依据${x.basis.replace(/[。；]$/u, '')}的规定，适用简易程序，当场决定给予${you(p)}如下行政处罚：`),
      { type: 'list', items: penaltyItems(x.penalty), style: 'chinese' },
      ...(payment ? [heading('履行方式和期限'), para(payment)] : []),
      para(`执法人员已当场向${you(p)}出示执法证件，告知作出行政处罚的事实、理由和依据，以及${you(p)}依法享有的陈述、申辩权利，并听取了${you(p)}的意见（《中华人民共和国行政处罚法》第五十二条）。`),
      ...(x.partyStatement ? [para(`当事人陈述、申辩：${x.partyStatement}`)] : []),
      heading('申请行政复议或者提起行政诉讼的途径和期限'),
      ...remedyParagraphs(p, i.remedy ?? defaultRemedy(i.agency.name)),
      { type: 'signatures', lines: [...x.officers.map((o) => ({ label: '执法人员签名', name: o.certificateNo ? `${o.name}（${o.certificateNo}）` : o.name })), { label: '当事人签收' }] },
      seal(i),
      note('注：本决定书当场交付当事人；当事人拒绝签收的，执法人员应当在本决定书上注明。执法人员当场作出的行政处罚决定，应当报所属行政机关备案。'),
    ]);
  },

  'service-receipt': (i) => {
    const x = i.service;
    const docs = x.documents.map((d) => (d.number ? `${d.title}（${d.number}）` : d.title)).join('\n');
    return spec('service-receipt', i, [
      fields(
        f('案由', i.caseRecord.cause),
        f('送达文书及文号', docs),
        f('受送达人', x.recipient),
        f('送达地点', x.place ?? partyOf(i).address),
        [f('送达方式', SERVICE_METHOD_LABELS[x.method]), f('送达人', officersText(x.officers))],
        f('受送达人签收', `\n${BLANK_DATE}　　时　　分`),
        f('代收人及理由', `\n${BLANK_DATE}　　时　　分`),
        f('见证人签名', x.witness ? `${x.witness}\n${BLANK_DATE}` : `\n${BLANK_DATE}`),
        f('送达人签名', `\n${BLANK_DATE}`),
        f('备注', x.note),
      ),
      para('受送达人拒绝签收的，送达人可以邀请有关基层组织或者所在单位的代表到场，说明情况，在送达回证上记明拒收事由和日期，由送达人、见证人签名或者盖章，把文书留在受送达人的住所，即视为送达（留置送达）。'),
      note('注：本回证由送达人填写，送达后附卷。'),
    ]);
  },

  'payment-reminder': (i) => {
    const r = i.caseRecord;
    const p = partyOf(i);
    const d = r.decision;
    if (!d?.penalty) throw new Error('payment reminder: the case has no penalty decision');
    const x = i.reminder ?? {};
    const owed = x.outstandingFen ?? Math.max(0, (d.penalty.fineFen ?? 0) + (d.penalty.confiscatedGainsFen ?? 0) - (r.execution?.paidFen ?? 0));
    const days = x.days ?? 10;
    const what = [d.penalty.fineFen ? '罚款' : '', d.penalty.confiscatedGainsFen ? '没收的违法所得' : ''].filter(Boolean).join('及') || '罚款';
    const items = [`缴纳${what}${amount(owed)}`];
    if (x.lateFeeFen) items.push(`缴纳加处罚款${amount(x.lateFeeFen)}（自罚款缴纳期限届满之日起每日按罚款数额的百分之三计算，不超出罚款数额）`);
    const pay = x.payment;
    const where = pay?.bank ? `${pay.bank}${pay.accountName || pay.account ? `（户名：${pay.accountName ?? ''}；账号：${pay.account ?? ''}）` : ''}` : '本机关指定的银行或者电子支付系统';
    return spec('payment-reminder', i, [
      addressee(p),
      para(
        `本机关于${zhDate(d.on)}对${you(p)}作出了《行政处罚决定书》${d.number ? `（${d.number}）` : ''}，决定给予${you(p)}${penaltyText(d.penalty)}的行政处罚${r.execution ? `，该决定书已于${zhDate(r.execution.servedOn)}送达${you(p)}` : ''}。${you(p)}至今未履行（未全部履行）该处罚决定。`,
      ),
      para(`依据《中华人民共和国行政强制法》第三十五条、第五十四条的规定，现催告${you(p)}自收到本催告书之日起${chineseNumber(days)}日内履行下列义务：`),
      { type: 'list', items, style: 'chinese' },
      para(`履行方式：将上述款项缴至${where}。`),
      para(`${you(p)}收到本催告书后有权进行陈述和申辩（《中华人民共和国行政强制法》第三十六条）。逾期仍不履行的，本机关将依法申请人民法院强制执行。`),
      ...contactLine(i.agency),
      seal(i),
      note('注：本催告书一式两份，一份送达当事人，一份附卷。'),
    ]);
  },

  'closing-report': (i) => {
    const r = i.caseRecord;
    const d = r.decision;
    const ex = r.execution;
    const ground = i.closure?.ground ?? r.closure?.ground ?? '';
    const groundText = CLOSING_GROUND_LABELS[ground] ?? ground;
    const execution = ex
      ? [
          `${zhDate(ex.servedOn)}以${SERVICE_METHOD_LABELS[ex.serviceMethod as ServiceMethod] ?? ex.serviceMethod}方式送达`,
          ...ex.payments.map((x) => `${zhDate(x.on)}缴纳${amount(x.amountFen)}${x.receiptNo ? `（票据号：${x.receiptNo}）` : ''}`),
        ].join('；')
      : '';
    const summary =
      i.closure?.summary ??
      [
        r.filedOn ? `本案于${zhDate(r.filedOn)}立案` : '',
        r.investigation ? `${zhDate(r.investigation.closedOn)}调查终结` : '',
        d ? `${zhDate(d.on)}作出${d.kind === 'penalty' ? '行政处罚' : '不予行政处罚'}决定${d.number ? `（${d.number}）` : ''}` : '',
        groundText ? `${groundText}，建议结案` : '',
      ]
        .filter(Boolean)
        .join('，') + '。';
    return spec('closing-report', i, [
      fields(
        ...caseRows(r),
        f('当事人', r.parties.map((x) => x.name).join('、')),
        [f('立案时间', r.filedOn ? zhDate(r.filedOn) : ''), f('决定时间', d ? zhDate(d.on) : '')],
        f('决定书文号', d?.number),
        f('处理结果', d ? (d.penalty ? penaltyText(d.penalty) : `不予行政处罚：${d.reason ?? ''}`) : ''),
        f('执行情况', execution),
        f('结案理由', groundText),
        f('承办人', handlersText(r)),
      ),
      ...approvalBoxes(i.opinions, summary),
    ]);
  },
};

function procedureText(r: CaseRecord, p: Party, decided: Penalty): string {
  const y = you(p);
  const parts: string[] = [`${y}涉嫌${r.cause}一案，本机关${r.filedOn ? `于${zhDate(r.filedOn)}立案并` : ''}依法进行了调查。`];
  if (r.notice) {
    parts.push(
      `本机关于${zhDate(r.notice.servedOn)}向${y}送达了《行政处罚事先告知书》，告知了拟作出行政处罚的事实、理由、依据及${y}依法享有的陈述、申辩${r.notice.hearingRight ? '和要求听证' : ''}的权利。`,
    );
  }
  const s = r.statement;
  if (s?.waived) parts.push(`${y}明确表示放弃陈述、申辩${r.notice?.hearingRight ? '和听证' : ''}的权利。`);
  else if (s) parts.push(`${y}于${zhDate(s.on)}提出了陈述、申辩意见，经复核，本机关${s.adopted ? '采纳了其中成立的意见' : '认为其理由不能成立，不予采纳'}。`);
  else if (r.notice) parts.push(`${y}在规定期限内未提出陈述、申辩意见${r.notice.hearingRight && !r.hearing ? '，也未要求听证' : ''}。`);
  const h = r.hearing;
  if (h?.partyAbsent) parts.push(`${y}要求听证后无正当理由未出席听证，视为放弃听证权利。`);
  else if (h?.heldOn) parts.push(`本机关于${zhDate(h.heldOn)}依法举行了听证，并根据听证笔录作出本决定。`);
  const reviewed = reviewedText(r, decided);
  if (reviewed) parts.push(reviewed);
  if (r.discussion) parts.push('本案已经本机关负责人集体讨论决定。');
  return parts.join('');
}

/**
 * The review that authorised the decision (Art 58; 118号 item 十三), as the 决定书 names it: the
 * 法制审核意见书's number and date — only when the approved proposal is the decision made (a
 * penalty, or 不予行政处罚: null); an approval of another proposal authorised nothing here.
 */
function reviewedText(r: CaseRecord, decided: Penalty | null): string {
  const v = r.review;
  if (!v.approvedProposal || !v.approvedOn || v.approvedProposal !== proposalDigest(decided)) return '';
  return `本案经法制审核，法制审核机构于${zhDate(v.approvedOn)}出具${v.approvedNumber ? `《法制审核意见书》（${v.approvedNumber}）` : '法制审核意见书'}，审核意见为同意。`;
}

/** Builds the DocumentSpec of a kind from its input (see TemplateInputs). */
export function buildDocument<K extends DocumentKind>(kind: K, input: TemplateInputs[K]): DocumentSpec {
  return (BUILDERS[kind] as (i: TemplateInputs[K]) => DocumentSpec)(input);
}
