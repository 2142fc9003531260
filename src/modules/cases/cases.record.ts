import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { CASE_ACTS, type ActingOfficer, type CaseAct, type CaseRecord, type EvidenceItem, type Party, type Penalty, type RemedyOutcome } from '../../shared/cases.ts';
import type { MatchedRule } from '../../shared/review-catalog.ts';

/**
 * The case record as a fold over its events. Pure and clock-free: the projector and a rebuild
 * run every `case.*` event through `applyCaseEvent`, so the record is exactly what the ledger says.
 */

/** What every case event carries. */
interface Base {
  id: string;
  /** The act's legal date (China), YYYY-MM-DD. */
  on: string;
}

export interface ClueRegistered extends Base {
  agencyId: string;
  unitId: string | null;
  field: string;
  source: CaseRecord['source'];
  cause: string;
  summary: string;
  actOn: string | null;
  seriousHarm: boolean;
  parties: Party[];
}
export interface OnTheSpotDecided extends Base {
  agencyId: string;
  unitId: string | null;
  field: string;
  cause: string;
  parties: Party[];
  officers: ActingOfficer[];
  place: string;
  facts: string;
  basis: string;
  penalty: Penalty;
  rightsTold: boolean;
  partyStatement: string | null;
  partySigned: boolean;
  collected: { amountFen: number; receiptNo: string; reason: string | null } | null;
  /** Not collected on the spot: pay within 15 days of the decision delivered on the spot (Art 67③). */
  dueOn: string | null;
  number: string | null;
  documentId: string | null;
  decidedBy: string;
}
interface EvidenceInput {
  id: string;
  kind: string;
  description: string;
}
/** Data of each `case.<act>` event, by act. */
export interface CaseEventData {
  'register-clue': ClueRegistered;
  file: Base & { handlers: ActingOfficer[]; caseNo: string | null; benchmark: { id: string; level: string } | null; documentId: string | null };
  decline: Base & { reason: string };
  'record-inspection': Base & { officers: ActingOfficer[]; place: string; content: string; evidence: EvidenceInput[]; documentId: string | null };
  'record-questioning': Base & { officers: ActingOfficer[]; person: string; content: string; evidence: EvidenceInput[]; documentId: string | null };
  'add-evidence': Base & { items: EvidenceInput[] };
  'preserve-evidence': Base & { preservationId: string; items: string[]; officers: ActingOfficer[]; approvedBy: string; documentId: string | null };
  'handle-preservation': Base & { preservationId: string; outcome: string; documentId: string | null };
  'close-investigation': Base & {
    outcome: 'penalise' | 'no-penalty' | 'transfer';
    findings: string;
    proposedPenalty: Penalty | null;
    firstViolation: boolean;
    firstViolationReason?: string | null;
    benchmark: { id: string; level: string } | null;
    /** Why the proposal (a penalty, or 不予行政处罚) needs legal review, in words, each reason once; empty: it does not. */
    requiredBecause: string[];
    /** The review catalog's rules that matched, by id and version (absent in events before they were recorded). */
    requiredRules?: MatchedRule[];
    majorFlags?: string[];
    secret?: boolean;
    documentId: string | null;
  };
  'approve-discretion': Base & { proposal: string; penalty: Penalty; reason: string };
  notify: Base & { servedOn: string; proposedPenalty: Penalty; facts: string; reasons: string; basis: string; hearingRight: boolean; requiredBecause: string[]; requiredRules?: MatchedRule[]; majorFlags?: string[]; documentId: string | null };
  'record-statement': Base & { text: string; adopted: boolean; review: string; waived: boolean; documentId: string | null };
  'request-hearing': Base;
  'schedule-hearing': Base & { date: string; place: string; presiderUserId: string; presiderName: string; noticeServedOn: string; documentId: string | null };
  'record-hearing': Base & { partyAbsent: boolean; record: string; documentId: string | null };
  'record-discussion': Base & { participants: string[]; conclusion: string; documentId: string | null };
  decide: Base & { penalty: Penalty; basis: string; number: string | null; documentId: string | null; decidedBy: string };
  'decide-no-penalty': Base & { reason: string; basis: string; number: string | null; documentId: string | null; decidedBy: string };
  transfer: Base & { to: string; reason: string; documentId: string | null };
  /** `receivedOn`: the day the party received the decision (Art 67③), absent in events before it was recorded. */
  serve: Base & { method: string; recipient: string; officers: ActingOfficer[]; receivedOn?: string; dueOn: string | null; documentId: string | null };
  'record-payment': Base & { amountFen: number; receiptNo: string | null; settled: boolean };
  'approve-deferral': Base & { dueOn: string; reason: string };
  'record-remedy': Base & { kind: 'reconsideration' | 'litigation'; from: string; to: string | null; outcome?: RemedyOutcome | null };
  'send-reminder': Base & { documentId: string | null };
  close: Base & { ground: string; documentId: string | null };
  archive: Base;
  'revoke-filing': Base & { reason: string };
  suspend: Base & { reason: string };
  resume: Base & { reason: string };
  extend: Base & { days: number; reason: string };
  recuse: Base & { officerId: string; name: string; reason: string; replacement: ActingOfficer | null };
  'decide-on-the-spot': OnTheSpotDecided;
  'report-on-the-spot': Base;
}

/**
 * A proposal's identity: the legal review and the discretion approval are bound to it. `null` is
 * a proposal of 不予行政处罚 (Art 57①(二)(三)) — a decision of its own under Art 58, with a fixed
 * digest of the canonical `{"noPenalty":true}`, so it is never mistaken for any penalty.
 */
export function proposalDigest(p: Penalty | null): string {
  const normal = p ? { ...p, kinds: [...p.kinds].sort() } : { noPenalty: true };
  return createHash('sha256').update(canonicalize(normal) ?? '').digest('hex');
}

function evidence(items: EvidenceInput[], seq: number, act: CaseAct, on: string): EvidenceItem[] {
  return items.map((e) => ({ ...e, recordedBySeq: seq, recordedByAct: act, collectedOn: on }));
}

function newRecord(d: ClueRegistered | OnTheSpotDecided, procedure: CaseRecord['procedure'], at: string): CaseRecord {
  return {
    id: d.id,
    agencyId: d.agencyId,
    unitId: d.unitId,
    procedure,
    status: 'clue',
    field: d.field,
    source: 'source' in d ? d.source : 'inspection',
    cause: d.cause,
    summary: 'summary' in d ? d.summary : d.facts,
    actOn: 'actOn' in d ? d.actOn : d.on,
    seriousHarm: 'seriousHarm' in d ? d.seriousHarm : false,
    parties: d.parties,
    handlers: [],
    recused: [],
    caseNo: null,
    registeredOn: d.on,
    lastActOn: d.on,
    filedOn: null,
    benchmark: null,
    firstViolation: false,
    evidence: [],
    preservations: [],
    investigation: null,
    discretionApproval: null,
    notice: null,
    statement: null,
    hearing: null,
    review: { requiredBecause: [], approvedProposal: null, approvedOn: null, reviewerName: null, opinion: null },
    discussion: null,
    decision: null,
    execution: null,
    suspended: null,
    extensions: [],
    closure: null,
    archivedOn: null,
    reportedOn: null,
    version: 0,
    createdAt: at,
    updatedAt: at,
  };
}

function hearingOf(r: CaseRecord): NonNullable<CaseRecord['hearing']> {
  if (!r.hearing) throw new Error(`case ${r.id}: hearing event without a request`);
  return r.hearing;
}

/**
 * The record after one event. `prev` is null only for the two events that open a case. Throws
 * on an event that cannot follow (the service never appends one; a rebuild would stop loudly).
 */
export function applyCaseEvent(prev: CaseRecord | null, e: { type: string; seq: number; at: string; data: Record<string, unknown> }): CaseRecord {
  const act = e.type.slice('case.'.length) as CaseAct;
  if (!(act in CASE_ACTS)) throw new Error(`not a case event: ${e.type}`);
  if (act === 'register-clue') return { ...newRecord(e.data as unknown as ClueRegistered, 'ordinary', e.at), version: 1 };
  if (act === 'decide-on-the-spot') {
    const d = e.data as unknown as OnTheSpotDecided;
    const r = newRecord(d, 'simple', e.at);
    return {
      ...r,
      status: 'served',
      handlers: d.officers,
      filedOn: d.on,
      decision: { on: d.on, kind: 'penalty', penalty: d.penalty, reason: null, basis: d.basis, number: d.number, documentId: d.documentId, decidedBy: d.decidedBy },
      execution: {
        servedOn: d.on,
        receivedOn: d.on,
        serviceMethod: d.partySigned ? '当场交付' : '当场交付（当事人拒绝签收）',
        dueOn: d.dueOn ?? null,
        paidFen: d.collected?.amountFen ?? 0,
        payments: d.collected ? [{ on: d.on, amountFen: d.collected.amountFen, receiptNo: d.collected.receiptNo }] : [],
        remedies: [],
        remindedOn: null,
      },
      version: 1,
    };
  }
  if (!prev) throw new Error(`case event ${e.type} before the case exists`);
  const to = CASE_ACTS[act].to;
  const dates = [prev.lastActOn, e.data.on, e.data.servedOn].filter((x): x is string => typeof x === 'string');
  const r: CaseRecord = { ...prev, status: to ?? prev.status, version: prev.version + 1, updatedAt: e.at, lastActOn: dates.sort().at(-1)! };
  const d = e.data;
  switch (act) {
    case 'file': {
      const x = d as unknown as CaseEventData['file'];
      return { ...r, handlers: x.handlers, caseNo: x.caseNo, filedOn: x.on, benchmark: x.benchmark };
    }
    case 'decline':
      return { ...r, closure: { on: (d as unknown as CaseEventData['decline']).on, ground: (d as unknown as CaseEventData['decline']).reason } };
    case 'record-inspection':
    case 'record-questioning': {
      const x = d as unknown as CaseEventData['record-inspection'];
      return { ...r, evidence: [...r.evidence, ...evidence(x.evidence, e.seq, act, x.on)] };
    }
    case 'add-evidence': {
      const x = d as unknown as CaseEventData['add-evidence'];
      return { ...r, evidence: [...r.evidence, ...evidence(x.items, e.seq, act, x.on)] };
    }
    case 'preserve-evidence': {
      const x = d as unknown as CaseEventData['preserve-evidence'];
      return { ...r, preservations: [...r.preservations, { id: x.preservationId, items: x.items, approvedOn: x.on, approvedBy: x.approvedBy, handledOn: null, outcome: null }] };
    }
    case 'handle-preservation': {
      const x = d as unknown as CaseEventData['handle-preservation'];
      return { ...r, preservations: r.preservations.map((p) => (p.id === x.preservationId ? { ...p, handledOn: x.on, outcome: x.outcome } : p)) };
    }
    case 'close-investigation': {
      const x = d as unknown as CaseEventData['close-investigation'];
      return {
        ...r,
        investigation: { closedOn: x.on, outcome: x.outcome, findings: x.findings, proposedPenalty: x.proposedPenalty },
        firstViolation: x.firstViolation,
        benchmark: x.benchmark ?? r.benchmark,
        majorFlags: x.majorFlags ?? r.majorFlags ?? [],
        ...(x.secret !== undefined ? { secret: x.secret } : {}),
        review: { ...r.review, requiredBecause: x.requiredBecause },
      };
    }
    case 'approve-discretion': {
      const x = d as unknown as CaseEventData['approve-discretion'];
      return { ...r, discretionApproval: { proposal: x.proposal, reason: x.reason, approvedOn: x.on } };
    }
    case 'notify': {
      const x = d as unknown as CaseEventData['notify'];
      return {
        ...r,
        notice: { on: x.on, servedOn: x.servedOn, proposedPenalty: x.proposedPenalty, facts: x.facts, reasons: x.reasons, basis: x.basis, hearingRight: x.hearingRight, documentId: x.documentId },
        majorFlags: x.majorFlags ?? r.majorFlags ?? [],
        review: { ...r.review, requiredBecause: x.requiredBecause },
      };
    }
    case 'record-statement': {
      const x = d as unknown as CaseEventData['record-statement'];
      return { ...r, statement: { on: x.on, text: x.text, adopted: x.adopted, review: x.review, waived: x.waived } };
    }
    case 'request-hearing': {
      const x = d as unknown as CaseEventData['request-hearing'];
      return {
        ...r,
        hearing: { requestedOn: x.on, scheduledOn: null, noticeServedOn: null, date: null, place: null, presiderName: null, presiderUserId: null, heldOn: null, partyAbsent: false, record: null, documentIds: [] },
      };
    }
    case 'schedule-hearing': {
      const x = d as unknown as CaseEventData['schedule-hearing'];
      const h = hearingOf(r);
      return {
        ...r,
        hearing: { ...h, scheduledOn: x.on, noticeServedOn: x.noticeServedOn, date: x.date, place: x.place, presiderName: x.presiderName, presiderUserId: x.presiderUserId, documentIds: x.documentId ? [...h.documentIds, x.documentId] : h.documentIds },
      };
    }
    case 'record-hearing': {
      const x = d as unknown as CaseEventData['record-hearing'];
      const h = hearingOf(r);
      // A review passed before the hearing did not see its record: the decision after it needs a new one (Art 65; 118号 item 十二).
      const review = r.review.approvedProposal ? { ...r.review, approvedProposal: null, approvedOn: null, status: null } : r.review;
      return { ...r, review, hearing: { ...h, heldOn: x.on, partyAbsent: x.partyAbsent, record: x.record, documentIds: x.documentId ? [...h.documentIds, x.documentId] : h.documentIds } };
    }
    case 'record-discussion': {
      const x = d as unknown as CaseEventData['record-discussion'];
      return { ...r, discussion: { on: x.on, participants: x.participants, conclusion: x.conclusion, documentId: x.documentId } };
    }
    case 'decide': {
      const x = d as unknown as CaseEventData['decide'];
      return { ...r, decision: { on: x.on, kind: 'penalty', penalty: x.penalty, reason: null, basis: x.basis, number: x.number, documentId: x.documentId, decidedBy: x.decidedBy } };
    }
    case 'decide-no-penalty': {
      const x = d as unknown as CaseEventData['decide-no-penalty'];
      return { ...r, decision: { on: x.on, kind: 'no-penalty', penalty: null, reason: x.reason, basis: x.basis, number: x.number, documentId: x.documentId, decidedBy: x.decidedBy } };
    }
    case 'transfer':
      return r;
    case 'serve': {
      const x = d as unknown as CaseEventData['serve'];
      return { ...r, execution: { servedOn: x.on, serviceMethod: x.method, receivedOn: x.receivedOn ?? x.on, dueOn: x.dueOn, paidFen: 0, payments: [], remedies: [], remindedOn: null } };
    }
    case 'record-payment': {
      const x = d as unknown as CaseEventData['record-payment'];
      const ex = r.execution!;
      return { ...r, execution: { ...ex, paidFen: ex.paidFen + x.amountFen, payments: [...ex.payments, { on: x.on, amountFen: x.amountFen, receiptNo: x.receiptNo }] } };
    }
    case 'approve-deferral': {
      const x = d as unknown as CaseEventData['approve-deferral'];
      return { ...r, execution: { ...r.execution!, dueOn: x.dueOn } };
    }
    case 'record-remedy': {
      const x = d as unknown as CaseEventData['record-remedy'];
      const ex = r.execution!;
      const open = ex.remedies.findIndex((m) => m.kind === x.kind && m.from === x.from);
      const outcome = x.outcome ?? null;
      const remedies = open >= 0 ? ex.remedies.map((m, i) => (i === open ? { ...m, to: x.to, outcome } : m)) : [...ex.remedies, { kind: x.kind, from: x.from, to: x.to, outcome }];
      return { ...r, execution: { ...ex, remedies } };
    }
    case 'send-reminder':
      return { ...r, execution: { ...r.execution!, remindedOn: (d as unknown as CaseEventData['send-reminder']).on } };
    case 'close': {
      const x = d as unknown as CaseEventData['close'];
      return { ...r, closure: { on: x.on, ground: x.ground } };
    }
    case 'archive':
      return { ...r, archivedOn: (d as unknown as CaseEventData['archive']).on };
    case 'revoke-filing': {
      const x = d as unknown as CaseEventData['revoke-filing'];
      return { ...r, closure: { on: x.on, ground: `撤销立案：${x.reason}` } };
    }
    case 'suspend': {
      const x = d as unknown as CaseEventData['suspend'];
      return { ...r, suspended: { since: x.on, reason: x.reason } };
    }
    case 'resume': {
      const x = d as unknown as CaseEventData['resume'];
      return { ...r, suspended: null };
    }
    case 'extend': {
      const x = d as unknown as CaseEventData['extend'];
      return { ...r, extensions: [...r.extensions, { on: x.on, days: x.days, reason: x.reason }] };
    }
    case 'recuse': {
      const x = d as unknown as CaseEventData['recuse'];
      const handlers = r.handlers.filter((h) => h.officerId !== x.officerId);
      return { ...r, handlers: x.replacement ? [...handlers, x.replacement] : handlers, recused: [...r.recused, { id: x.officerId, name: x.name, reason: x.reason }] };
    }
    case 'report-on-the-spot':
      return { ...r, reportedOn: (d as unknown as CaseEventData['report-on-the-spot']).on };
  }
  throw new Error(`unhandled case event ${e.type}`);
}
