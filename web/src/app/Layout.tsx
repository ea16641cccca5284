import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Dropdown, Grid, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import { LockOutlined, LogoutOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { can } from './access';
import { useAuth, useMe } from './auth';
import { setLanguage, useI18n } from './i18n';
import { navGroups, usedBy, type NavEntry } from './navigation';
import { roleLabel } from './roles';
import { InboxBell } from '../features/inbox/InboxBell';

/** The menu entry a path belongs to: the longest entry path it starts with (/cases/… → /cases). */
function menuKeyOf(pathname: string, paths: string[]): string {
  const matches = paths.filter((p) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`)));
  return matches.sort((a, b) => b.length - a.length)[0] ?? pathname;
}

export function LanguageSwitch() {
  const { t, lng } = useI18n();
  return (
    <Button
      type="text"
      icon={<TranslationOutlined />}
      aria-label={t('layout.switchLanguage')}
      onClick={() => setLanguage(lng === 'en' ? 'zh-CN' : 'en')}
      data-testid="lang-switch"
    >
      {lng === 'en' ? '中文' : 'English'}
    </Button>
  );
}

export function AppLayout() {
  const { t } = useI18n();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  const isCollapsed = collapsed ?? narrow;

  const visible = navGroups.map((g) => ({ ...g, entries: g.entries.filter((e) => can(me.role, e.feature) && usedBy(e, me.organisation.sector)) })).filter((g) => g.entries.length);
  const entryItem = (e: NavEntry) => ({ key: e.path, icon: e.icon, label: t(`menu.${e.feature}`) });
  const items: MenuProps['items'] = visible.flatMap((g): NonNullable<MenuProps['items']> =>
    g.group ? [{ type: 'group', key: `group-${g.group}`, label: isCollapsed ? null : t(`menu.groups.${g.group}`), children: g.entries.map(entryItem) }] : g.entries.map(entryItem),
  );
  const top = menuKeyOf(location.pathname, visible.flatMap((g) => g.entries.map((e) => e.path)));

  const userMenu = {
    items: [
      { key: 'password', icon: <LockOutlined />, label: t('menu.password') },
      { key: 'logout', icon: <LogoutOutlined />, label: t('layout.logout') },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'password') navigate('/password');
      if (key === 'logout') void logout().then(() => navigate('/login'));
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 64}
        collapsible
        collapsed={isCollapsed}
        onCollapse={(c) => setCollapsed(c)}
        trigger={null}
        width={208}
        style={narrow ? { position: 'fixed', zIndex: 20, height: '100vh', left: 0, top: 0, overflowY: 'auto' } : undefined}
      >
        <div className="yz-logo">{isCollapsed ? t('app.short') : t('app.name')}</div>
        <nav aria-label={t('layout.mainMenu')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[top]}
            items={items}
            onClick={({ key }) => {
              navigate(key);
              if (narrow) setCollapsed(true);
            }}
          />
        </nav>
      </Layout.Sider>
      {narrow && !isCollapsed && <div className="yz-backdrop" onClick={() => setCollapsed(true)} aria-hidden />}
      <Layout>
        <Layout.Header className="yz-header">
          <Space size="small">
            <Button
              type="text"
              aria-label={t('layout.toggleMenu')}
              aria-expanded={!isCollapsed}
              onClick={() => setCollapsed(!isCollapsed)}
              icon={<span className="yz-burger" aria-hidden>☰</span>}
              data-testid="menu-toggle"
            />
            {!narrow && <Typography.Text strong>{me.organisation.name}</Typography.Text>}
          </Space>
          <Space size={narrow ? 0 : 'small'}>
            <InboxBell />
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']}>
              {/* On a phone only the icon shows: the name is what a screen reader announces. */}
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu" aria-label={t('layout.userMenu', { name: me.displayName || me.username })}>
                {!narrow && <span>{me.displayName || me.username}</span>}
                {!narrow && <Tag style={{ marginInlineStart: 8 }}>{roleLabel(t, me.role)}</Tag>}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="yz-content">
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
