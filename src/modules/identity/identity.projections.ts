import type { ProjectionModule, StoredEvent } from '../../ledger/ledger.ts';
import type { Tx } from '../../store/db.ts';

/** Field changes recorded in an `*.updated` event: before and after for every changed field. */
export type Changes = Record<string, { before: unknown; after: unknown }>;

export interface AgencyCreated {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  creditCode: string | null;
}
export interface AgencyUpdated {
  id: string;
  changes: Changes;
  reason: string | null;
}
export interface UnitCreated {
  id: string;
  agencyId: string;
  name: string;
}
export interface UnitUpdated {
  id: string;
  changes: Changes;
  reason: string | null;
}

export interface GrantData {
  role: string;
  agencyId: string | null;
  unitId: string | null;
}
export interface UserCreated {
  id: string;
  username: string;
  displayName: string;
  legalQualificationNo: string | null;
  roles: GrantData[];
}
export interface UserUpdated {
  id: string;
  changes: Changes;
  reason: string | null;
}
export interface OfficerRegistered {
  id: string;
  agencyId: string;
  unitId: string | null;
  userId: string | null;
  name: string;
  post: string | null;
  certificateNo: string | null;
  issuingAuthority: string | null;
  fields: string[];
  validFrom: string | null;
  validTo: string | null;
  auxiliary: boolean;
}
/** officer.updated, officer.renewed: field changes; suspended/reinstated/revoked: a status change. */
export interface OfficerChanged {
  id: string;
  changes: Changes;
  reason: string | null;
}

const USER_FIELD_COLUMNS: Record<string, string> = { displayName: 'display_name', legalQualificationNo: 'legal_qualification_no', status: 'status' };
const OFFICER_FIELD_COLUMNS: Record<string, string> = {
  unitId: 'unit_id',
  userId: 'user_id',
  name: 'name',
  post: 'post',
  certificateNo: 'certificate_no',
  issuingAuthority: 'issuing_authority',
  fields: 'fields',
  validFrom: 'valid_from',
  validTo: 'valid_to',
  status: 'status',
  statusReason: 'status_reason',
};

async function replaceRoles(trx: Tx, userId: string, roles: GrantData[]): Promise<void> {
  await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length > 0) {
    await trx
      .insertInto('user_roles')
      .values(roles.map((g) => ({ user_id: userId, role: g.role, agency_id: g.agencyId, unit_id: g.unitId })))
      .execute();
  }
}

async function applyOfficerChange(trx: Tx, e: StoredEvent): Promise<void> {
  const d = data<OfficerChanged>(e);
  const cols = columnsOf(d.changes, OFFICER_FIELD_COLUMNS);
  if ('fields' in cols) cols.fields = JSON.stringify(cols.fields);
  await applyEdit(trx, 'officers', d.id, cols, e);
}

/** Every edit of an aggregate: the changed columns, the event's time, the next version. */
async function applyEdit(trx: Tx, table: 'agencies' | 'units' | 'users' | 'officers', id: string, columns: Record<string, unknown>, e: StoredEvent): Promise<void> {
  await trx
    .updateTable(table as 'agencies')
    .set({ ...columns, updated_at: e.at })
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

const AGENCY_FIELD_COLUMNS: Record<string, string> = { name: 'name', parentId: 'parent_id', creditCode: 'credit_code' };
const UNIT_FIELD_COLUMNS: Record<string, string> = { name: 'name' };

function columnsOf(changes: Changes, map: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, { after }] of Object.entries(changes)) {
    const column = map[field];
    if (!column) throw new Error(`unknown field in event: ${field}`);
    out[column] = after;
  }
  return out;
}

function data<T>(e: StoredEvent): T {
  return e.data as unknown as T;
}

export const identityProjections: ProjectionModule = {
  tables: ['agencies', 'units', 'users', 'user_roles', 'officers'],
  projectors: {
    'platform.initialised': null,
    'agency.created': async (trx: Tx, e) => {
      const d = data<AgencyCreated>(e);
      await trx
        .insertInto('agencies')
        .values({
          id: d.id,
          code: d.code,
          name: d.name,
          parent_id: d.parentId,
          credit_code: d.creditCode,
          version: 1,
          created_at: e.at,
          updated_at: e.at,
        })
        .execute();
    },
    'agency.updated': async (trx, e) => {
      const d = data<AgencyUpdated>(e);
      await applyEdit(trx, 'agencies', d.id, columnsOf(d.changes, AGENCY_FIELD_COLUMNS), e);
    },
    'unit.created': async (trx, e) => {
      const d = data<UnitCreated>(e);
      await trx
        .insertInto('units')
        .values({ id: d.id, agency_id: d.agencyId, name: d.name, version: 1, created_at: e.at, updated_at: e.at })
        .execute();
    },
    'user.created': async (trx, e) => {
      const d = data<UserCreated>(e);
      await trx
        .insertInto('users')
        .values({
          id: d.id,
          username: d.username,
          display_name: d.displayName,
          status: 'active',
          legal_qualification_no: d.legalQualificationNo,
          version: 1,
          created_at: e.at,
          updated_at: e.at,
        })
        .execute();
      await replaceRoles(trx, d.id, d.roles);
    },
    'user.updated': async (trx, e) => {
      const d = data<UserUpdated>(e);
      const { roles, ...rest } = d.changes;
      await applyEdit(trx, 'users', d.id, columnsOf(rest, USER_FIELD_COLUMNS), e);
      if (roles) await replaceRoles(trx, d.id, roles.after as GrantData[]);
    },
    // Passwords are operational (credentials table): the ledger records that it changed, not the hash.
    'user.password-changed': null,
    'api-token.issued': null,
    'api-token.revoked': null,
    'security.login-succeeded': null,
    'security.login-failed': null,
    'security.account-locked': null,
    'security.logged-out': null,
    'security.permission-denied': null,
    'officer.registered': async (trx, e) => {
      const d = data<OfficerRegistered>(e);
      await trx
        .insertInto('officers')
        .values({
          id: d.id,
          agency_id: d.agencyId,
          unit_id: d.unitId,
          user_id: d.userId,
          name: d.name,
          post: d.post,
          certificate_no: d.certificateNo,
          issuing_authority: d.issuingAuthority,
          fields: JSON.stringify(d.fields),
          valid_from: d.validFrom,
          valid_to: d.validTo,
          status: 'active',
          status_reason: null,
          auxiliary: d.auxiliary ? 1 : 0,
          version: 1,
          created_at: e.at,
          updated_at: e.at,
        })
        .execute();
    },
    'officer.updated': applyOfficerChange,
    'officer.renewed': applyOfficerChange,
    'officer.suspended': applyOfficerChange,
    'officer.reinstated': applyOfficerChange,
    'officer.revoked': applyOfficerChange,
    'unit.updated': async (trx, e) => {
      const d = data<UnitUpdated>(e);
      await applyEdit(trx, 'units', d.id, columnsOf(d.changes, UNIT_FIELD_COLUMNS), e);
    },
  },
};
