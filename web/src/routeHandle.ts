import type { Messages } from './i18n/zh-CN.ts';

type TitleKey = `nav.${keyof Messages['nav']}` | `login.pageTitle` | `ledger.pageTitle` | `notFound.pageTitle` | `error.pageTitle`;

/** What a route declares about itself in `handle`. */
export interface RouteHandle {
  titleKey?: TitleKey;
}
