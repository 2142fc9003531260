import { sql } from 'kysely';
import canonicalize from 'canonicalize';
import type { ProjectionModule, StoredEvent } from '../../ledger/ledger.ts';
import type { DocumentKind } from '../../shared/documents.ts';
import type { DocumentSpec } from './document.spec.ts';

/** `document.issued` (agency log, subject = the case): everything needed to show, verify and re-render it. */
export interface DocumentIssued {
  id: string;
  caseId: string;
  kind: DocumentKind;
  title: string;
  number: string | null;
  /** Year and serial of the number (null for unnumbered kinds): the counter is rebuilt from these. */
  serial: { year: number; seq: number } | null;
  /** Date of issue, China calendar. */
  on: string;
  /** Issue time written into the PDF; with the spec it reproduces the PDF byte for byte. */
  issuedAt: string;
  pdf: { sha256: string; size: number };
  spec: DocumentSpec;
}

/** `document-settings.set` (agency log, subject = the agency). */
export interface DocumentSettingsSet {
  agencyId: string;
  shortName: string;
  patterns: Partial<Record<DocumentKind, string>>;
  reason: string | null;
}

const data = <T>(e: StoredEvent) => e.data as unknown as T;

export const documentsProjections: ProjectionModule = {
  tables: ['document_settings', 'document_counters', 'documents'],
  projectors: {
    'document-settings.set': async (trx, e) => {
      const d = data<DocumentSettingsSet>(e);
      const patterns = canonicalize(d.patterns) ?? '{}';
      await trx
        .insertInto('document_settings')
        .values({ agency_id: d.agencyId, short_name: d.shortName, patterns, version: 1, updated_at: e.at })
        .onConflict((oc) =>
          oc.column('agency_id').doUpdateSet({ short_name: d.shortName, patterns, updated_at: e.at, version: sql<number>`document_settings.version + 1` }),
        )
        .execute();
    },
    'document.issued': async (trx, e) => {
      const d = data<DocumentIssued>(e);
      await trx
        .insertInto('documents')
        .values({
          id: d.id,
          agency_id: e.log,
          case_id: d.caseId,
          kind: d.kind,
          title: d.title,
          number: d.number,
          number_year: d.serial?.year ?? null,
          number_seq: d.serial?.seq ?? null,
          issued_on: d.on,
          issued_at: d.issuedAt,
          pdf_sha256: d.pdf.sha256,
          pdf_size: d.pdf.size,
          spec: canonicalize(d.spec) ?? 'null',
          log_seq: e.seq,
          created_at: e.at,
        })
        .execute();
      const serial = d.serial;
      if (serial) {
        // While issuing, the allocation already moved the counter here; on a rebuild this restores it.
        await trx
          .insertInto('document_counters')
          .values({ agency_id: e.log, kind: d.kind, year: serial.year, last: serial.seq })
          .onConflict((oc) =>
            oc.columns(['agency_id', 'kind', 'year']).doUpdateSet({ last: sql<number>`case when document_counters.last > ${serial.seq} then document_counters.last else ${serial.seq} end` }),
          )
          .execute();
      }
    },
  },
};
