/**
 * Published decisions for the portal's tests, put on the record through the one append path
 * (publication.drafted → publication.published, folded by publications.projections.ts), as the
 * publication workflow does after its review.
 */
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../src/context.ts';
import type { PublicationEventData } from '../../src/modules/publicity/publications.rules.ts';
import type { PublishedDecision } from '../../src/shared/publications.ts';

export interface Spec {
  agency: string;
  kind?: 'penalty' | 'licence';
  party: string;
  cause: string;
  facts: string;
  decidedOn: string;
  fineFen?: number | null;
}

export const agencyIds = new Map<string, { id: string; name: string }>();
let counter = 0;

function decisionOf(s: Spec, id: string): PublishedDecision {
  const a = agencyIds.get(s.agency);
  if (!a) throw new Error(`unknown agency ${s.agency}: call loadAgencies first`);
  counter++;
  const number = `衡文执罚决字〔2026〕第${counter}号`;
  const fineFen = s.fineFen === undefined ? 500_000 : s.fineFen;
  const penaltyContent = fineFen ? `警告，并处罚款人民币${fineFen / 100}元` : '警告';
  return {
    id,
    kind: s.kind ?? 'penalty',
    number,
    agencyId: a.id,
    agencyName: a.name,
    party: { kind: 'organisation', name: s.party, creditCode: '91430400MA4L0000X1', representative: '李某' },
    cause: s.cause,
    facts: s.facts,
    basis: '《互联网上网服务营业场所管理条例》第三十一条',
    penaltyKinds: fineFen ? ['warning', 'fine'] : ['warning'],
    penaltyContent,
    fineFen,
    confiscatedGainsFen: null,
    confiscatedPropertyFen: null,
    licenceSuspended: false,
    licenceRevoked: false,
    decidedOn: s.decidedOn,
    publishedOn: '2026-03-02',
    publicUntil: '2029-03-01',
    text: `${a.name}\n行政处罚决定书\n${number}\n当事人：${s.party}\n${s.facts}\n以上事实违反了《互联网上网服务营业场所管理条例》，依法作出处罚：${penaltyContent}。`,
    version: 1,
    corrections: [],
  };
}

/** Drafts and publishes one decision (one transaction, as approval does); returns the public object. */
export async function publish(app: Ctx, specs: Spec[]): Promise<PublishedDecision[]> {
  return app.db.transaction().execute(async (trx) => {
    const out: PublishedDecision[] = [];
    for (const s of specs) {
      const id = randomUUID();
      const d = decisionOf(s, id);
      const drafted: PublicationEventData['publication.drafted'] = {
        id,
        agencyId: d.agencyId,
        agencyName: d.agencyName,
        caseId: null,
        kind: d.kind,
        documentId: null,
        sourceText: d.text,
        fields: {
          number: d.number,
          party: d.party,
          cause: d.cause,
          facts: d.facts,
          basis: d.basis,
          penaltyKinds: d.penaltyKinds,
          penaltyContent: d.penaltyContent,
          fineFen: d.fineFen,
          confiscatedGainsFen: null,
          confiscatedPropertyFen: null,
          licenceSuspended: false,
          licenceRevoked: false,
          decidedOn: d.decidedOn,
        },
        redactions: [],
        publishDueOn: '2026-03-11',
        draftedOn: '2026-03-02',
        draftedBy: { id: 'system', name: 'system' },
      };
      await app.ledger.append(trx, { log: d.agencyId, actor: 'system', type: 'publication.drafted', subject: id, data: { ...drafted } });
      await app.ledger.append(trx, { log: d.agencyId, actor: 'system', type: 'publication.published', subject: id, data: { ...d } });
      out.push(d);
    }
    return out;
  });
}

export async function correct(app: Ctx, d: PublishedDecision, change: Partial<PublishedDecision>, reason: string): Promise<PublishedDecision> {
  const next: PublishedDecision = { ...d, ...change, version: d.version + 1, corrections: [...d.corrections, { version: d.version + 1, on: '2026-03-03', reason }] };
  await app.db.transaction().execute(async (trx) => {
    const started: PublicationEventData['publication.correction-started'] = { id: d.id, on: '2026-03-03', by: { id: 'system', name: 'system' }, reason };
    await app.ledger.append(trx, { log: d.agencyId, actor: 'system', type: 'publication.correction-started', subject: d.id, data: { ...started } });
    await app.ledger.append(trx, { log: d.agencyId, actor: 'system', type: 'publication.corrected', subject: d.id, data: { ...next } });
  });
  return next;
}

export async function withdraw(app: Ctx, d: PublishedDecision, reason: string): Promise<void> {
  await app.db.transaction().execute(async (trx) => {
    const notice = { id: d.id, number: d.number, agencyId: d.agencyId, agencyName: d.agencyName, withdrawnOn: '2026-03-04', reason };
    await app.ledger.append(trx, { log: d.agencyId, actor: 'system', type: 'publication.withdrawn', subject: d.id, data: notice });
  });
}


/** Reads the agencies (by code) the specs name. */
export async function loadAgencies(app: Ctx): Promise<void> {
  for (const a of await app.db.selectFrom('agencies').select(['id', 'code', 'name']).execute()) agencyIds.set(a.code, { id: a.id, name: a.name });
}
