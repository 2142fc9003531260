import { ALLOWED, refuse, type Verdict } from '../../kernel/refusal.ts';
import { CASE_ACTS, CASE_STATUS_LABELS, PENALTY_KIND_LABELS, type CaseAct, type CaseRecord, type Party, type Penalty, type PenaltyKind, type ServiceMethod } from '../../shared/cases.ts';
import { proposalDigest } from './cases.record.ts';

/**
 * The law on a penalty case, as pure functions of the case record and the facts a service
 * gathered. Each refusal names its rule and article, in the words the API and the UI show.
 */

const LAW = '《行政处罚法》';
export const ART = {
  a33: `${LAW}第三十三条`,
  a36: `${LAW}第三十六条`,
  a42: `${LAW}第四十二条`,
  a43: `${LAW}第四十三条`,
  a44: `${LAW}第四十四条`,
  a45: `${LAW}第四十五条第二款`,
  a51: `${LAW}第五十一条`,
  a56: `${LAW}第五十六条`,
  a57: `${LAW}第五十七条`,
  a57b: `${LAW}第五十七条第二款`,
  a58: `${LAW}第五十八条`,
  a60: `${LAW}第六十条`,
  a61: `${LAW}第六十一条`,
  a62: `${LAW}第六十二条`,
  a63: `${LAW}第六十三条`,
  a64a: `${LAW}第六十四条第一项`,
  a64b: `${LAW}第六十四条第二项`,
  a64d: `${LAW}第六十四条第四项`,
  a65: `${LAW}第六十五条`,
  a67: `${LAW}第六十七条第三款`,
  a68: `${LAW}第六十八条`,
  a72: `${LAW}第七十二条`,
  a73: `${LAW}第七十三条`,
} as const;

/** The thresholds an agency sets (Hunan-sensible defaults); which decisions need legal review is its review catalog (src/modules/review). */
export interface CaseSettings {
  /** 较大数额 for the hearing right (Art 63), by party kind. */
  hearingFineFen: { person: number; organisation: number };
  hearingConfiscationFen: { person: number; organisation: number };
  /** Hunan (湘程序 Art 75): every major decision goes to collective discussion (Art 57②). */
  discussionForMajor: boolean;
  /** 当场处罚 ceilings (Art 51), per enforcement field; `*` is the default. */
  simpleCeilingFen: Record<string, { person: number; organisation: number }>;
  /** On-the-spot collection is allowed up to this amount (Art 68). */
  onTheSpotCollectFen: number;
  /** 备案 of an on-the-spot penalty within these days. */
  onTheSpotReportDays: number;
  /** Deadlines this close (days) show as due soon. */
  dueSoonDays: number;
}

/** The law's own ceilings, which an agency may lower (older rules said ¥50/¥1,000) but never raise. */
export const STATUTORY_LIMITS = {
  /** 《行政处罚法》第五十一条 */
  simpleCeilingFen: { person: 20_000, organisation: 300_000 },
  /** 《行政处罚法》第六十八条 */
  onTheSpotCollectFen: 10_000,
} as const;

export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  hearingFineFen: { person: 1_000_000, organisation: 10_000_000 },
  hearingConfiscationFen: { person: 1_000_000, organisation: 10_000_000 },
  discussionForMajor: true,
  simpleCeilingFen: { '*': { person: 20_000, organisation: 300_000 } },
  onTheSpotCollectFen: 10_000,
  onTheSpotReportDays: 3,
  dueSoonDays: 3,
};

/** Adds days to a date: working days per the platform calendar, or calendar days (Art 85). */
export type AddDays = (start: string, n: number, unit: 'working' | 'calendar') => string;

export const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}元`;
const kindNames = (kinds: readonly PenaltyKind[]) => kinds.map((k) => PENALTY_KIND_LABELS[k].zh).join('、');
const partyKind = (parties: readonly Party[]): Party['kind'] => (parties.some((p) => p.kind === 'organisation') ? 'organisation' : 'person');

/** A penalty is well-formed: at least one kind; amounts exactly where a kind has one. */
export function checkPenalty(p: Penalty): Verdict {
  if (p.kinds.length === 0) return refuse('validation-failed', '处罚种类不能为空', { field: 'kinds' });
  const amounts: [PenaltyKind, keyof Penalty][] = [
    ['fine', 'fineFen'],
    ['confiscate-gains', 'confiscatedGainsFen'],
    ['confiscate-property', 'confiscatedPropertyFen'],
  ];
  for (const [kind, field] of amounts) {
    const v = p[field] as number | null;
    if (p.kinds.includes(kind) && (v === null || v <= 0)) return refuse('validation-failed', `${PENALTY_KIND_LABELS[kind].zh}须填写金额`, { field });
    if (!p.kinds.includes(kind) && v !== null) return refuse('validation-failed', `未选择${PENALTY_KIND_LABELS[kind].zh}，不应填写其金额`, { field });
  }
  return ALLOWED;
}

/**
 * Whether an act may happen now: the case's status (CASE_ACTS), suspension, and what the case's
 * own facts allow (the investigation's outcome, a hearing requested and scheduled, something to
 * pay, the on-the-spot 备案). The console offers exactly the acts this allows.
 */
export function mayPerform(act: CaseAct, r: CaseRecord): Verdict {
  const from = CASE_ACTS[act].from as readonly string[];
  if (!from.includes(r.status)) {
    // The one refusal the law words itself: deciding before the party was told (Arts 44, 62).
    if (act === 'decide' && (r.status === 'investigating' || r.status === 'investigation-closed')) {
      return refuse('notice-required', `未经事先告知不得作出行政处罚决定（${ART.a62}）`, { article: `${ART.a44}、${ART.a62}`, status: r.status });
    }
    return refuse('case-invalid-state', `案件当前为“${CASE_STATUS_LABELS[r.status].zh}”，不能办理“${CASE_ACTS[act].zh}”`, { status: r.status, act });
  }
  if (r.suspended && act !== 'resume' && act !== 'revoke-filing' && act !== 'recuse') {
    return refuse('case-suspended', `案件已于 ${r.suspended.since} 中止（${r.suspended.reason}），恢复后方可办理`, { status: r.status });
  }
  const no = (why: string, article?: string) => refuse('case-invalid-state', why, { status: r.status, act, ...(article ? { article } : {}) });
  const outcome = r.investigation?.outcome;
  const payable = r.decision?.kind === 'penalty' && !!(r.decision.penalty?.fineFen || r.decision.penalty?.confiscatedGainsFen);
  switch (act) {
    case 'resume':
      return r.suspended ? ALLOWED : no('案件未中止，无需恢复');
    case 'suspend':
      return r.suspended ? no('案件已中止') : ALLOWED;
    case 'notify':
      return r.status === 'notified' || outcome === 'penalise' ? ALLOWED : no('调查终结的处理意见不是给予处罚，不能事先告知');
    case 'decide-no-penalty':
      // After the notice, a statement or hearing may establish that no penalty is due (Art 45①).
      return r.status === 'notified' || outcome === 'no-penalty' ? ALLOWED : no('调查终结的处理意见不是不予处罚');
    case 'transfer':
      return outcome === 'transfer' ? ALLOWED : no('调查终结的处理意见不是移送');
    case 'request-hearing':
      return r.notice?.hearingRight && !r.hearing ? ALLOWED : no(r.hearing ? '当事人已申请听证' : `拟作出的处罚不属于听证范围（${ART.a63}）`, ART.a63);
    case 'schedule-hearing':
      return r.hearing && !r.hearing.heldOn ? ALLOWED : no(r.hearing ? '听证已举行' : '当事人未申请听证，不能通知听证', ART.a64b);
    case 'record-hearing':
      return r.hearing?.date && r.hearing.presiderUserId && !r.hearing.heldOn ? ALLOWED : no(`听证须先确定主持人并通知当事人，才能制作听证笔录（${ART.a64b}、${ART.a64d}）`, ART.a64b);
    case 'handle-preservation':
      return r.preservations.some((x) => !x.handledOn) ? ALLOWED : no('没有待处理的先行登记保存');
    case 'record-payment':
    case 'approve-deferral':
    case 'send-reminder':
      return payable ? ALLOWED : no('本案没有需要缴纳的罚没款');
    case 'report-on-the-spot':
      return r.procedure === 'simple' && !r.reportedOn ? ALLOWED : no('仅当场处罚需要备案，且只备案一次');
    case 'close':
      return r.procedure === 'ordinary' || r.reportedOn ? ALLOWED : no('当场处罚决定须先备案，才能结案');
    case 'approve-discretion':
      return r.benchmark && (r.status === 'notified' || outcome === 'penalise') ? ALLOWED : no('本案未适用裁量基准或不拟给予处罚，无需批准');
    case 'record-discussion':
      return r.status === 'notified' || outcome === 'penalise' ? ALLOWED : no('本案不拟给予处罚，无需集体讨论');
    default:
      return ALLOWED;
  }
}

/**
 * 《行政处罚法》第三十六条：违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、
 * 金融安全且有危害后果的，上述期限延长至五年。
 */
export function withinLimitation(r: Pick<CaseRecord, 'actOn' | 'seriousHarm'>, on: string): Verdict {
  if (!r.actOn) return ALLOWED;
  const years = r.seriousHarm ? 5 : 2;
  const [y, m, d] = r.actOn.split('-').map(Number) as [number, number, number];
  const limit = `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (on > limit) {
    return refuse('limitation-expired', `违法行为发生于 ${r.actOn}，已超过${years}年追责时效，不再给予行政处罚（${ART.a36}）`, { article: ART.a36, actOn: r.actOn, years });
  }
  return ALLOWED;
}

/** 《行政处罚法》第六十三条：较大数额罚款、没收较大数额违法所得、吊销许可证件、责令停产停业等，当事人有权要求听证。 */
export function hearingRight(p: Penalty, parties: readonly Party[], s: CaseSettings): boolean {
  const who = partyKind(parties);
  if (p.kinds.some((k) => ['lower-qualification', 'revoke-licence', 'suspend-business', 'close', 'restrict-practice'].includes(k))) return true;
  if (p.fineFen !== null && p.fineFen >= s.hearingFineFen[who]) return true;
  const confiscated = (p.confiscatedGainsFen ?? 0) + (p.confiscatedPropertyFen ?? 0);
  return confiscated > 0 && confiscated >= s.hearingConfiscationFen[who];
}

/** 《行政处罚法》第四十五条第二款：行政机关不得因当事人陈述、申辩而给予更重的处罚。 */
export function notHeavierThanNotified(decided: Penalty, notified: Penalty): Verdict {
  const extra = decided.kinds.filter((k) => !notified.kinds.includes(k));
  const details = { article: ART.a45 };
  if (extra.length > 0) return refuse('penalty-heavier-than-notified', `决定的处罚种类（${kindNames(extra)}）未经事先告知，不得加重处罚（${ART.a45}）`, { ...details, kinds: extra });
  const amounts: [keyof Penalty, string][] = [
    ['fineFen', '罚款'],
    ['confiscatedGainsFen', '没收违法所得'],
    ['confiscatedPropertyFen', '没收非法财物'],
  ];
  for (const [field, label] of amounts) {
    const d = decided[field] as number | null;
    const n = notified[field] as number | null;
    if (d !== null && (n === null || d > n)) {
      return refuse('penalty-heavier-than-notified', `决定的${label}（${yuan(d)}）高于事先告知的金额（${n === null ? '无' : yuan(n)}），不得加重处罚（${ART.a45}）`, { ...details, field });
    }
  }
  return ALLOWED;
}

/** 公告送达: deemed received when 30 days have passed since the announcement (《民事诉讼法》第九十五条, applied through Art 61). */
export const ANNOUNCEMENT_DEEMED_DAYS = 30;

/**
 * The day the party received the decision, from which the 15 days to pay run (Art 67③): the day of
 * service in person, by leaving it (留置) or electronically; the date signed on the postal receipt
 * (required, not before posting); 30 days after an announcement.
 */
export function receiptOfDecision(method: ServiceMethod, on: string, receivedOn: string | null | undefined, add: AddDays): { ok: true; receivedOn: string } | Refused {
  if (method === 'post') {
    if (!receivedOn) return refused('validation-failed', `邮寄送达的，以送达回执上注明的收件日期为送达日期，须填写签收日期（${ART.a61}）`, { field: 'receivedOn', article: ART.a61 });
    if (receivedOn < on) return refused('validation-failed', '签收日期不能早于邮寄日期', { field: 'receivedOn' });
    return { ok: true, receivedOn };
  }
  if (receivedOn) return refused('validation-failed', '签收日期只用于邮寄送达', { field: 'receivedOn' });
  return { ok: true, receivedOn: method === 'announcement' ? add(on, ANNOUNCEMENT_DEEMED_DAYS, 'calendar') : on };
}

type Refused = Exclude<Verdict, { ok: true }>;
const refused = (...a: Parameters<typeof refuse>) => refuse(...a) as Refused;

/** The last day to pay: 15 days from receipt (Art 67③; calendar days, Art 85). */
export const paymentDueDate = (receivedOn: string, add: AddDays) => add(receivedOn, 15, 'calendar');

/** The last day of the party's hearing request window: 5 working days after the notice was served (Art 64①). */
export const hearingRequestDeadline = (servedOn: string, add: AddDays) => add(servedOn, 5, 'working');

export function hearingRequestInTime(r: CaseRecord, on: string, add: AddDays): Verdict {
  if (!r.notice?.hearingRight) return refuse('hearing-not-applicable', `拟作出的处罚不属于${ART.a63}规定的听证范围`, { article: ART.a63 });
  if (r.hearing) return refuse('case-invalid-state', '当事人已申请听证', {});
  const last = hearingRequestDeadline(r.notice.servedOn, add);
  if (on > last) return refuse('hearing-request-late', `当事人应在告知后五个工作日内（${last} 前）提出听证要求，已逾期（${ART.a64a}）`, { article: ART.a64a, deadline: last });
  if (on < r.notice.servedOn) return refuse('validation-failed', '听证申请日期不能早于告知书送达日期', { field: 'on' });
  return ALLOWED;
}

/** 《行政处罚法》第六十四条第二项：行政机关应当在举行听证的七日前，通知当事人听证的时间、地点 (7 working days, Art 85). */
export function hearingNoticeInTime(noticeServedOn: string, date: string, add: AddDays): Verdict {
  const earliest = add(noticeServedOn, 7, 'working');
  if (date < earliest) return refuse('hearing-notice-too-late', `听证通知应在举行听证七个工作日前送达：通知于 ${noticeServedOn} 送达，听证最早可在 ${earliest} 举行（${ART.a64b}）`, { article: ART.a64b, earliest });
  return ALLOWED;
}

/** 《行政处罚法》第六十四条第四项：听证由非本案调查人员主持。 */
export function presiderIndependent(r: CaseRecord, presider: { userId: string; officerId: string | null }): Verdict {
  if (presider.officerId && r.handlers.some((h) => h.officerId === presider.officerId)) {
    return refuse('hearing-presider-conflict', `听证主持人不得为本案调查人员（${ART.a64d}）`, { article: ART.a64d });
  }
  if (r.recused.some((x) => x.id === presider.userId || x.id === presider.officerId)) {
    return refuse('officer-recused', `该人员已在本案回避（${ART.a43}）`, { article: ART.a43 });
  }
  return ALLOWED;
}

export interface DecideFacts {
  /** The decided penalty (null: 不予处罚). */
  penalty: Penalty;
  on: string;
  settings: CaseSettings;
  add: AddDays;
  /** The benchmark verdict for this penalty (ALLOWED when no benchmark applies). */
  benchmark: Verdict;
  /**
   * 《行政处罚法》第六十条 — the last day of the 90 days from filing, as the deadline engine
   * reckons it (./deadlines.ts: suspensions stop it, approved extensions add to it); null while stopped.
   */
  decisionDue: string | null;
  /** Why this penalty is a major decision (Art 58): the review catalog's matches, in words; empty: no review. */
  reviewScope: string[];
}

/**
 * Everything the law asks before a penalty decision (Arts 44–45, 57–58, 60, 62–65), checked in
 * the order a reviewer would: first what the party was told and could answer, then review and
 * discussion, then time.
 */
export function mayDecide(r: CaseRecord, f: DecideFacts): Verdict {
  const n = r.notice;
  if (!n) return refuse('notice-required', `未经事先告知不得作出行政处罚决定（${ART.a62}）`, { article: `${ART.a44}、${ART.a62}` });
  const heavier = notHeavierThanNotified(f.penalty, n.proposedPenalty);
  if (!heavier.ok) return heavier;
  if (n.hearingRight && !r.hearing && !r.statement?.waived) {
    const last = hearingRequestDeadline(n.servedOn, f.add);
    if (f.on <= last) {
      return refuse('hearing-window-open', `当事人可在 ${last} 前要求听证，期满前（或当事人明确放弃前）不得作出决定（${ART.a64a}、${ART.a62}）`, { article: `${ART.a64a}、${ART.a62}`, deadline: last });
    }
  }
  if (r.hearing && !r.hearing.heldOn) return refuse('hearing-not-held', `当事人已要求听证，应当依据听证笔录作出决定；听证尚未举行（${ART.a65}）`, { article: ART.a65 });
  if (!f.benchmark.ok) {
    const digest = proposalDigest(f.penalty);
    if (r.discretionApproval?.proposal !== digest) {
      return refuse('discretion-approval-required', `${f.benchmark.message}；超出裁量基准须说明理由并经负责人批准`, { ...f.benchmark.details });
    }
  }
  const because = f.reviewScope;
  if (because.length > 0 && r.review.approvedProposal !== proposalDigest(f.penalty)) {
    const changed = r.review.approvedProposal !== null;
    return refuse('legal-review-required', `${because.join('；')}，属于重大执法决定，${changed ? '法制审核通过后处罚内容已变更，须重新审核' : '未经法制审核或审核未通过的，不得作出决定'}（${ART.a58}）`, { article: ART.a58, requiredBecause: because });
  }
  if (because.length > 0 && f.settings.discussionForMajor && !r.discussion) {
    return refuse('discussion-required', `重大执法决定应当由行政机关负责人集体讨论决定（${ART.a57b}）`, { article: ART.a57b });
  }
  const due = f.decisionDue;
  if (due && f.on > due) {
    return refuse('decision-overdue', `应当自立案之日起九十日内作出处罚决定，期限已于 ${due} 届满；须经负责人批准延期（${ART.a60}）`, { article: ART.a60, due });
  }
  return ALLOWED;
}

/** 《行政处罚法》第五十一条：违法事实确凿并有法定依据，对公民处二百元以下、对法人或者其他组织处三千元以下罚款或者警告的，可以当场作出。 */
export function simpleProcedureEligible(p: Penalty, parties: readonly Party[], field: string, s: CaseSettings): Verdict {
  const other = p.kinds.filter((k) => k !== 'warning' && k !== 'fine');
  if (other.length > 0) return refuse('simple-procedure-ineligible', `当场处罚只能给予警告或罚款，不能给予${kindNames(other)}（${ART.a51}）`, { article: ART.a51, kinds: other });
  const who = partyKind(parties);
  const ceiling = (s.simpleCeilingFen[field] ?? s.simpleCeilingFen['*']!)[who];
  if (p.fineFen !== null && p.fineFen > ceiling) {
    return refuse('simple-procedure-ineligible', `当场处罚对${who === 'person' ? '公民' : '法人或者其他组织'}的罚款不得超过${yuan(ceiling)}，请按普通程序办理（${ART.a51}）`, { article: ART.a51, ceiling });
  }
  return ALLOWED;
}

/** 《行政处罚法》第六十八条：依照第五十一条当场作出决定，一百元以下的罚款或者不当场收缴事后难以执行的，执法人员可以当场收缴罚款。 */
export function onTheSpotCollectionAllowed(amountFen: number, reason: string | null, fineFen: number | null, s: CaseSettings): Verdict {
  if (fineFen === null) return refuse('on-the-spot-collection-not-allowed', '未处罚款，无可收缴', { article: ART.a68 });
  if (amountFen !== fineFen) return refuse('validation-failed', '当场收缴的金额应与罚款金额一致', { field: 'collected.amountFen' });
  if (amountFen > s.onTheSpotCollectFen && !reason?.trim()) {
    return refuse('on-the-spot-collection-not-allowed', `罚款超过${yuan(s.onTheSpotCollectFen)}的，只有不当场收缴事后难以执行时才可当场收缴，须写明理由（${ART.a68}）`, { article: ART.a68 });
  }
  return ALLOWED;
}

/**
 * 《行政处罚法》第七十二条第一款第一项：到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额。
 * 第七十三条第三款：当事人申请行政复议或者提起行政诉讼的，加处罚款的数额在行政复议或者行政诉讼期间不予计算。
 * A day counts while the fine is not yet fully paid (payments made before that day).
 */
export function lateFee(
  fineFen: number,
  dueOn: string,
  today: string,
  remedies: readonly { from: string; to: string | null }[],
  payments: readonly { on: string; amountFen: number }[] = [],
): number {
  if (today <= dueOn) return 0;
  let daysLate = 0;
  for (let d = new Date(`${dueOn}T00:00:00Z`); ; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.toISOString().slice(0, 10);
    if (day > today) break;
    const paidBefore = payments.filter((p) => p.on < day).reduce((n, p) => n + p.amountFen, 0);
    if (paidBefore >= fineFen) break;
    const pending = remedies.some((m) => m.from <= day && (m.to === null || day <= m.to));
    if (!pending) daysLate++;
  }
  return Math.min(fineFen, Math.floor((fineFen * 3 * daysLate) / 100));
}

/** Settings beyond the statutory ceilings of Arts 51 and 68 are refused, naming the article. */
export function withinStatutoryLimits(s: CaseSettings): Verdict {
  for (const [field, c] of Object.entries(s.simpleCeilingFen)) {
    if (c.person > STATUTORY_LIMITS.simpleCeilingFen.person || c.organisation > STATUTORY_LIMITS.simpleCeilingFen.organisation) {
      return refuse('validation-failed', `当场处罚的罚款上限（${field === '*' ? '默认' : field}）不得高于法定的公民二百元、法人或者其他组织三千元（${ART.a51}）`, { article: ART.a51, field: `simpleCeilingFen.${field}` });
    }
  }
  if (s.onTheSpotCollectFen > STATUTORY_LIMITS.onTheSpotCollectFen) {
    return refuse('validation-failed', `当场收缴罚款的金额不得高于法定的一百元（${ART.a68}）`, { article: ART.a68, field: 'onTheSpotCollectFen' });
  }
  return ALLOWED;
}

/** What the party owes now: the fine (and confiscated gains) plus the late fee, less payments. */
export function amountOwed(r: CaseRecord, today: string): { dueFen: number; lateFeeFen: number; outstandingFen: number } {
  const p = r.decision?.penalty;
  const ex = r.execution;
  if (!p || !ex) return { dueFen: 0, lateFeeFen: 0, outstandingFen: 0 };
  const principal = (p.fineFen ?? 0) + (p.confiscatedGainsFen ?? 0);
  const lateFeeFen = ex.dueOn && p.fineFen ? lateFee(p.fineFen, ex.dueOn, today, ex.remedies, ex.payments) : 0;
  return { dueFen: principal, lateFeeFen, outstandingFen: Math.max(0, principal + lateFeeFen - ex.paidFen) };
}
