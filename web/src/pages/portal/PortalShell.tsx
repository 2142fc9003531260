import { LoginOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { RouterLink } from '../../components/RouterLink.tsx';
import { currentLang, sharedKey } from '../../i18n/index.ts';

/**
 * One entry of the portal's menu. Labels are carried in both languages here so a page added by
 * another module (事前公开, officer lookup …) needs one line in PORTAL_NAV and no i18n edit.
 */
export interface PortalNavItem {
  key: string;
  to: string;
  label: { zh: string; en: string };
  /** Highlight for this path prefix too (defaults to `to`). */
  prefix?: string;
  /** `end`: only the exact path highlights it (the home page). */
  end?: boolean;
}

/**
 * The citizens' portal menu, in order. Pages of other modules append their entry here and add
 * their route as a child of `/public` in web/src/App.tsx (rendered inside this shell).
 */
export const PORTAL_NAV: PortalNavItem[] = [
  { key: 'home', to: '/public', label: { zh: '首页', en: 'Home' }, end: true },
  { key: 'decisions', to: '/public/decisions', label: { zh: '执法决定公示', en: 'Decisions' } },
  { key: 'statistics', to: '/public/statistics', label: { zh: '公示统计', en: 'Statistics' } },
  { key: 'officers', to: '/public/officers', label: { zh: '执法人员查询', en: 'Officer lookup' } },
  { key: 'disclosures', to: '/public/disclosures', label: { zh: '事前公开', en: 'Before enforcement' } },
  { key: 'ledger', to: '/ledger', label: { zh: '记录检查点', en: 'Checkpoints' } },
];

export const PORTAL_WIDTH = 1080;

const HEADER_BG = 'linear-gradient(135deg, #a8071a 0%, #cf1322 100%)';

function isActive(item: PortalNavItem, pathname: string): boolean {
  const prefix = item.prefix ?? item.to;
  return item.end ? pathname === prefix || pathname === `${prefix}/` : pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** The portal's frame: header with the platform name and menu, the page, and a footer. No login. */
export function PortalShell() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const lang = sharedKey(currentLang());
  return (
    <Flex vertical style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <header style={{ background: HEADER_BG, color: '#fff' }}>
        <Flex vertical style={{ maxWidth: PORTAL_WIDTH, margin: '0 auto', width: '100%', padding: '12px 12px 0', boxSizing: 'border-box' }}>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <NavLink to="/public" style={{ color: '#fff', textDecoration: 'none' }}>
              <Typography.Title level={1} style={{ color: '#fff', margin: 0, fontSize: 'clamp(18px, 5vw, 24px)' }}>
                {t('portal.title')}
              </Typography.Title>
              <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', fontSize: 12 }}>{t('portal.subtitle')}</Typography.Text>
            </NavLink>
            <LanguageSwitch size="small" />
          </Flex>
          <nav aria-label={t('portal.navLabel')} style={{ display: 'flex', overflowX: 'auto', marginTop: 8, scrollbarWidth: 'none' }}>
            {PORTAL_NAV.map((item) => {
              const active = isActive(item, pathname);
              return (
                <NavLink
                  key={item.key}
                  to={item.to}
                  end={item.end ?? false}
                  aria-current={active ? 'page' : undefined}
                  data-testid={`portal-nav-${item.key}`}
                  style={{
                    color: '#fff',
                    textDecoration: 'none',
                    padding: '10px 12px',
                    whiteSpace: 'nowrap',
                    fontWeight: active ? 600 : 400,
                    borderBottom: active ? '3px solid #fff' : '3px solid transparent',
                  }}
                >
                  {item.label[lang]}
                </NavLink>
              );
            })}
          </nav>
        </Flex>
      </header>
      <main style={{ flex: 1, width: '100%', maxWidth: PORTAL_WIDTH, margin: '0 auto', padding: '16px 12px 40px', boxSizing: 'border-box' }}>
        <Outlet />
      </main>
      <footer style={{ background: '#262626', color: 'rgba(255,255,255,0.75)', fontSize: 12 }}>
        <Flex vertical gap={6} style={{ maxWidth: PORTAL_WIDTH, margin: '0 auto', padding: '16px 12px', boxSizing: 'border-box' }}>
          <span>{t('portal.footer.about')}</span>
          <Flex gap={16} wrap>
            <RouterLink to="/ledger" style={{ color: 'rgba(255,255,255,0.85)' }}>
              {t('portal.footer.checkpoints')}
            </RouterLink>
            <a href="/api/public/key" style={{ color: 'rgba(255,255,255,0.85)' }}>
              {t('portal.footer.key')}
            </a>
            <a href="/api/docs" style={{ color: 'rgba(255,255,255,0.85)' }}>
              {t('portal.footer.api')}
            </a>
            <RouterLink to="/login" style={{ color: 'rgba(255,255,255,0.85)' }}>
              <LoginOutlined /> {t('portal.footer.staff')}
            </RouterLink>
          </Flex>
        </Flex>
      </footer>
    </Flex>
  );
}
