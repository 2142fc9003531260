import { DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Dropdown, Flex, Layout, Menu, Typography, type MenuProps } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { logout } from '../../api/auth.ts';
import { ApiRequestError, errorText } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { RoleTags } from '../../components/RoleTags.tsx';
import { useScreen } from '../../components/useScreen.ts';
import { currentLang } from '../../i18n/index.ts';
import { navItemsFor, selectedNavPath } from './nav.tsx';

const { Header, Sider, Content } = Layout;

const HEADER_HEIGHT = 56;

// Opened rarely; loading it on demand keeps antd's form code out of the shell's chunk.
const ChangePasswordModal = lazy(async () => ({ default: (await import('../../components/ChangePasswordModal.tsx')).ChangePasswordModal }));

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
  const [passwordOpen, setPasswordOpen] = useState(false);

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

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: t('shell.changePassword') },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout') },
    ],
    onClick: ({ key }) => {
      if (key === 'password') setPasswordOpen(true);
      if (key === 'logout') void handleLogout();
    },
  };

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
            {isLarge && (
              <Flex align="center" style={{ minWidth: 0, lineHeight: 'normal' }}>
                <RoleTags roles={user.roles} max={3} />
              </Flex>
            )}
            <LanguageSwitch size="small" />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button icon={<UserOutlined />} loading={loggingOut} aria-label={t('shell.userMenu', { name: user.displayName })} style={{ maxWidth: 200 }}>
                {isWide && (
                  <>
                    <Typography.Text ellipsis style={{ maxWidth: 120 }}>
                      {user.displayName}
                    </Typography.Text>
                    <DownOutlined style={{ fontSize: 10, marginInlineStart: 4 }} />
                  </>
                )}
              </Button>
            </Dropdown>
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
      {passwordOpen && (
        <Suspense fallback={null}>
          <ChangePasswordModal open onClose={() => setPasswordOpen(false)} />
        </Suspense>
      )}
    </Layout>
  );
}
