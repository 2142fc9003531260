import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agenciesWhere, allows, scopeOf, type Principal } from './access.policy.ts';

const p = (role: Principal['grants'][number]['role'], agencyId: string | null): Principal => ({
  id: 'u',
  kind: 'user',
  username: 'u',
  displayName: 'u',
  grants: [{ role, agencyId, unitId: null }],
});

// bureau ─┬─ enforcement ── team
//         └─ relics          other (unrelated)
const children = new Map([
  ['bureau', ['enforcement', 'relics']],
  ['enforcement', ['team']],
]);

describe('agency scope follows the agency tree', () => {
  it('own, overseen and other', () => {
    assert.equal(scopeOf('bureau', 'bureau', new Set()), 'own');
    assert.equal(scopeOf('bureau', 'team', new Set(['enforcement', 'bureau'])), 'overseen');
    assert.equal(scopeOf('bureau', 'other', new Set()), 'other');
  });

  it('a supervisor reads overseen agencies at any depth but writes nothing', () => {
    const sup = p('supervisor', 'bureau');
    assert.equal(allows(sup, 'officer.read', 'team', new Set(['enforcement', 'bureau'])), true);
    assert.equal(allows(sup, 'officer.manage', 'team', new Set(['enforcement', 'bureau'])), false);
    assert.equal(allows(sup, 'officer.read', 'other', new Set()), false);
    assert.deepEqual([...(agenciesWhere(sup, 'officer.read', children) as Set<string>)].sort(), ['bureau', 'enforcement', 'relics', 'team']);
  });

  it('an agency admin manages only its own agency, not the ones it oversees', () => {
    const admin = p('agency-admin', 'bureau');
    assert.equal(allows(admin, 'officer.manage', 'bureau', new Set()), true);
    assert.equal(allows(admin, 'officer.manage', 'enforcement', new Set(['bureau'])), false);
  });

  it('a platform admin reaches every agency', () => {
    assert.equal(allows(p('platform-admin', null), 'officer.manage', 'other', new Set()), true);
    assert.equal(agenciesWhere(p('platform-admin', null), 'officer.read', children), 'all');
  });

  it('an external legal adviser sees no agency staff', () => {
    assert.equal(allows(p('legal-adviser', 'enforcement'), 'officer.read', 'enforcement', new Set(['bureau'])), false);
  });
});
