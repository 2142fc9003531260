import type { Audience } from './session.ts';

/**
 * Who may open each console area, in the server policy's actions. The menu and the pages read
 * the same table so a page never appears in the menu of someone it then refuses, and neither
 * disagrees with what the API allows.
 */
export const AUDIENCES = {
  dashboard: 'all',
  // The agency tree is an administration and oversight page; everyone else knows their agency.
  agencies: ['unit.manage', 'user.read'],
  users: ['user.read'],
  officers: ['officer.read'],
} as const satisfies Record<string, Audience>;
