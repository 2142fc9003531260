import type { Messages } from './i18n/zh-CN.ts';

type TitleKey = `nav.${keyof Messages['nav']}` | `login.pageTitle` | `ledger.pageTitle` | `notFound.pageTitle` | `error.pageTitle`
  | `officerCards.verify.pageTitle`
  | `officerCards.lookup.pageTitle`
  | `portal.titles.${keyof Messages['portal']['titles']}`;

/** What a route declares about itself in `handle`. */
export interface RouteHandle {
  titleKey?: TitleKey;
}
