import { App as AntdApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useMatches } from 'react-router';
import { currentLang } from '../i18n/index.ts';
import type { RouteHandle } from '../routeHandle.ts';

const theme: ThemeConfig = {
  token: {
    // antd's default stack lists no CJK font, so Chinese would land on whatever the OS picks.
    fontFamily: 'var(--sx-font-family)',
  },
};

/** Updates the tab title from the deepest route that names itself. */
function useDocumentTitle() {
  const { t } = useTranslation();
  const matches = useMatches();
  const titleKey = [...matches].reverse().map((match) => (match.handle as RouteHandle | undefined)?.titleKey).find(Boolean);
  const appTitle = t('app.fullName');
  const title = titleKey ? `${t(titleKey)} · ${appTitle}` : appTitle;
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/**
 * Root layout, loaded lazily so antd stays out of the entry chunk: antd's locale, theme and
 * the App context (for message/modal hooks) for every page.
 */
export function AppFrame() {
  // Subscribing re-renders the providers when the language changes.
  useTranslation();
  useDocumentTitle();
  const lang = currentLang();
  return (
    // No auto space between two-character Chinese button labels (“登 录”): current Chinese UI
    // conventions write them solid.
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntdApp>
        <Outlet />
      </AntdApp>
    </ConfigProvider>
  );
}
