import { AuditOutlined, BarChartOutlined, SafetyCertificateOutlined, SlidersOutlined } from '@ant-design/icons';
import { BankOutlined, CalendarOutlined, DashboardOutlined, IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import { AlertOutlined, FileSearchOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { SettingOutlined } from '@ant-design/icons';
import { CloudUploadOutlined } from '@ant-design/icons';
import { NotificationOutlined } from '@ant-design/icons';
import { ProfileOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { User } from '../../api/auth.ts';
import { AUDIENCES } from '../../auth/audiences.ts';
import { canAccess, type Audience } from '../../auth/session.ts';
import type { Messages } from '../../i18n/zh-CN.ts';

export interface NavItem {
  path: string;
  labelKey: `nav.${keyof Messages['nav']}`;
  icon: ReactNode;
  audience: Audience;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', labelKey: 'nav.dashboard', icon: <DashboardOutlined />, audience: AUDIENCES.dashboard },
  { path: '/cases', labelKey: 'nav.cases', icon: <FileSearchOutlined />, audience: AUDIENCES.cases },
  { path: '/cases/on-the-spot', labelKey: 'nav.onTheSpot', icon: <ThunderboltOutlined />, audience: AUDIENCES.caseHandle },
  { path: '/cases/overdue', labelKey: 'nav.overdue', icon: <AlertOutlined />, audience: AUDIENCES.cases },
  { path: '/admin/agencies', labelKey: 'nav.agencies', icon: <BankOutlined />, audience: AUDIENCES.agencies },
  { path: '/admin/users', labelKey: 'nav.users', icon: <TeamOutlined />, audience: AUDIENCES.users },
  { path: '/admin/officers', labelKey: 'nav.officers', icon: <IdcardOutlined />, audience: AUDIENCES.officers },
  { path: '/benchmarks', labelKey: 'nav.benchmarks', icon: <SlidersOutlined />, audience: AUDIENCES.benchmarks },
  { path: '/review', labelKey: 'nav.reviews', icon: <SafetyCertificateOutlined />, audience: AUDIENCES.reviewInbox },
  { path: '/review/stats', labelKey: 'nav.reviewStats', icon: <BarChartOutlined />, audience: AUDIENCES.reviewStats },
  { path: '/review/catalog', labelKey: 'nav.reviewCatalog', icon: <AuditOutlined />, audience: AUDIENCES.reviewCatalog },
  { path: '/review/settings', labelKey: 'nav.reviewSettings', icon: <SettingOutlined />, audience: AUDIENCES.reviewSettings },
  { path: '/admin/calendar', labelKey: 'nav.calendar', icon: <CalendarOutlined />, audience: AUDIENCES.calendar },
  { path: '/publicity', labelKey: 'nav.publications', icon: <NotificationOutlined />, audience: AUDIENCES.publicity },
  { path: '/publicity/disclosures', labelKey: 'nav.disclosures', icon: <ProfileOutlined />, audience: AUDIENCES.publicity },
  { path: '/admin/feed', labelKey: 'nav.feed', icon: <CloudUploadOutlined />, audience: AUDIENCES.feed },
];

export function navItemsFor(user: User): NavItem[] {
  return NAV_ITEMS.filter((item) => canAccess(user, item.audience));
}

/** The menu entry to highlight: the longest path that prefixes the URL, with `/` matching only itself. */
export function selectedNavPath(items: readonly NavItem[], pathname: string): string | undefined {
  let best: NavItem | undefined;
  for (const item of items) {
    const matches = item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.path;
}
