import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Flex, Grid, Layout, Menu, Tooltip, Typography, type MenuProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { logout } from '../../api/auth.ts';
import { ApiRequestError, errorText } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { RoleTags } from '../../components/RoleTags.tsx';
import { currentLang } from '../../i18n/index.ts';
import { navItemsFor, selectedNavPath } from './nav.tsx';

const { Header, Sider, Content } = Layout;

const HEADER_HEIGHT = 56;
const MD_QUERY = '(min-width: 768px)';
const LG_QUERY = '(min-width: 992px)';

/**
 * antd's useBreakpoint reports nothing on the first render; reading the media query directly
 * avoids flashing the phone layout on a desktop.
 */
function useScreen(): { isWide: boolean; isLarge: boolean } {
  const screens = Grid.useBreakpoint();
  return {
    isWide: screens.md ?? window.matchMedia(MD_QUERY).matches,
    isLarge: screens.lg ?? window.matchMedia(LG_QUERY).matches,
  };
}

export function ConsoleShell() {
  const user = useCurrentUser();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const { pathname } = useLocation();
  // Below md the menu moves into a drawer; between md and lg the header drops the long title
  // and the role tags, which would otherwise push the buttons off a tablet-width header.
  const { isWide, isLarge } = useScreen();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);

  const navItems = useMemo(() => navItemsFor(user), [user]);
  const selected = selectedNavPath(navItems, pathname);
  const menuItems: MenuProps['items'] = navItems.map((item) => ({
    key: item.path,
    icon: item.icon,
    label: <Link to={item.path}>{t(item.labelKey)}</Link>,
  }));

  const menu = (
    <Menu
      mode="inline"
      items={menuItems}
      selectedKeys={selected ? [selected] : []}
      onClick={() => setDrawerOpen(false)}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  async function handleLogout() {
    setLoggingOut(true);
    try {
      await logout();
    } catch (err) {
      // 401 means the session is already gone, which is what logging out wants. Anything else
      // leaves the session alive, so going to /login would only bounce back here.
      if (!(err instanceof ApiRequestError && err.status === 401)) {
        setLoggingOut(false);
        void message.error(`${t('shell.logoutFailed')}：${errorText(err, currentLang())}`);
        return;
      }
    }
    navigate('/login', { replace: true });
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {navigation.state !== 'idle' && <div className="sx-nav-progress" role="progressbar" aria-busy="true" />}
      <Header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          height: HEADER_HEIGHT,
          lineHeight: `${HEADER_HEIGHT}px`,
          paddingInline: isWide ? 24 : 12,
          background: '#fff',
          borderBottom: '1px solid rgba(5, 5, 5, 0.06)',
        }}
      >
        <Flex align="center" gap={12} style={{ height: '100%' }}>
          {!isWide && (
            <Button type="text" icon={<MenuOutlined />} aria-label={t('shell.openMenu')} onClick={() => setDrawerOpen(true)} />
          )}
          <Link to="/" style={{ color: 'inherit', whiteSpace: 'nowrap' }}>
            <Typography.Text strong style={{ fontSize: 18 }}>
              {isLarge ? t('app.fullName') : t('app.name')}
            </Typography.Text>
          </Link>
          <Flex align="center" justify="flex-end" gap={12} style={{ flex: 1, minWidth: 0 }}>
            {isWide && (
              <Flex align="center" gap={8} style={{ minWidth: 0, lineHeight: 'normal' }}>
                <Typography.Text ellipsis>{user.displayName}</Typography.Text>
                {isLarge && <RoleTags roles={user.roles} max={3} />}
              </Flex>
            )}
            <LanguageSwitch size="small" />
            <Tooltip title={isWide ? undefined : t('shell.logout')}>
              <Button
                icon={<LogoutOutlined />}
                loading={loggingOut}
                onClick={() => void handleLogout()}
                aria-label={t('shell.logout')}
              >
                {isWide ? t('shell.logout') : null}
              </Button>
            </Tooltip>
          </Flex>
        </Flex>
      </Header>
      <Layout>
        {isWide ? (
          <Sider
            width={208}
            theme="light"
            style={{
              position: 'sticky',
              top: HEADER_HEIGHT,
              height: `calc(100vh - ${HEADER_HEIGHT}px)`,
              overflow: 'auto',
              borderInlineEnd: '1px solid rgba(5, 5, 5, 0.06)',
            }}
          >
            {menu}
          </Sider>
        ) : (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={280}
            title={t('app.name')}
            closable={{ 'aria-label': t('shell.closeMenu') }}
            styles={{ body: { padding: 0 } }}
          >
            <Flex vertical gap={8} style={{ padding: '16px 24px', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}>
              <Typography.Text strong>{user.displayName}</Typography.Text>
              <RoleTags roles={user.roles} />
            </Flex>
            {menu}
          </Drawer>
        )}
        <Content style={{ padding: isWide ? 24 : 12, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
