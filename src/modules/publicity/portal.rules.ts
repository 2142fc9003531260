/**
 * The portal's list row of a published decision, from the public object alone (never from the
 * console's record or the draft's columns, which hold unredacted and unpublished values). Kept per
 * public decision in `publication_items` by the publication projector, so a search page reads a
 * few hundred bytes per hit instead of the whole decision text.
 */
import type { PublishedDecision, PublishedDecisionListItem } from '../../shared/publications.ts';

export function listItemOf(d: PublishedDecision): PublishedDecisionListItem {
  return {
    id: d.id,
    kind: d.kind,
    number: d.number,
    agencyId: d.agencyId,
    agencyName: d.agencyName,
    partyName: d.party.name,
    cause: d.cause,
    penaltyKinds: d.penaltyKinds,
    fineFen: d.fineFen,
    decidedOn: d.decidedOn,
    publishedOn: d.publishedOn,
    version: d.version,
  };
}
