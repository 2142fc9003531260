import type { Audience } from './session.ts';

/**
 * Who may open each console area. The menu and the pages read the same table so a page never
 * appears in the menu of someone it then refuses.
 */
export const AUDIENCES = {
  dashboard: 'all',
  agencies: ['platform-admin', 'agency-admin', 'supervisor'],
  users: ['platform-admin', 'agency-admin'],
  officers: ['platform-admin', 'agency-admin', 'supervisor', 'unit-head', 'agency-head'],
} as const satisfies Record<string, Audience>;
