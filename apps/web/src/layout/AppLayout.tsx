import {
  AppstoreOutlined,
  BellOutlined,
  DatabaseOutlined,
  FormOutlined,
  CheckSquareOutlined,
  HomeOutlined,
  InboxOutlined,
  LogoutOutlined,
  MenuOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Badge, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe } from '../api/hooks/auth';
import { useDepartmentName } from '../api/hooks/directory';
import { useNotifications } from '../api/hooks/notifications';
import { role } from '../lib/labels';

const NAV = [
  { key: '/', icon: <HomeOutlined />, label: '工作台' },
  { key: '/tasks', icon: <CheckSquareOutlined />, label: '待办' },
  { key: '/catalog', icon: <AppstoreOutlined />, label: '资源目录' },
  { key: '/sharing-requests', icon: <SendOutlined />, label: '我的申请' },
  { key: '/sharing-requests/received', icon: <InboxOutlined />, label: '收到的申请' },
  { key: '/my-resources', icon: <DatabaseOutlined />, label: '本部门资源' },
  { key: '/demands', icon: <FormOutlined />, label: '数据需求' },
  { key: '/notifications', icon: <BellOutlined />, label: '通知' },
];

/** The menu entry a path belongs to: the longest one it starts with. */
function selectedKey(pathname: string) {
  if (pathname.startsWith('/sharing-requests/received')) return '/sharing-requests/received';
  return NAV.map((item) => item.key)
    .filter((key) => (key === '/' ? pathname === '/' : pathname.startsWith(key)))
    .sort((a, b) => b.length - a.length)[0];
}

export function AppLayout() {
  const screens = Grid.useBreakpoint();
  const wide = screens.md ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe().data!;
  const departmentName = useDepartmentName();
  const unread = useNotifications({ unread: 'true', limit: 1 }, { refetchInterval: 30_000 });
  const logout = useLogout();

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedKey(location.pathname) ?? '']}
      items={NAV.map((item) => ({ ...item, label: <Link to={item.key}>{item.label}</Link> }))}
      onClick={() => setDrawerOpen(false)}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  const signOut = () =>
    logout.mutate(undefined, {
      onSettled: () => void navigate('/login', { replace: true }),
    });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          background: '#14345f',
          padding: wide ? '0 24px' : '0 12px',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {!wide && (
          <Button
            type="text"
            aria-label="打开导航菜单"
            icon={<MenuOutlined style={{ color: '#fff' }} />}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link
          to="/"
          style={{
            color: '#fff',
            fontSize: wide ? 18 : 16,
            fontWeight: 600,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          }}
        >
          {wide ? '政务信息资源共享平台' : '资源共享平台'}
        </Link>
        <div style={{ flex: 1 }} />
        <Link to="/notifications" aria-label={`通知，${unread.data?.total ?? 0} 条未读`} data-testid="bell">
          <Badge count={unread.data?.total ?? 0} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 20, color: '#fff' }} />
          </Badge>
        </Link>
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              {
                key: 'who',
                disabled: true,
                label: `${departmentName(me.departmentId)} · ${me.roles.map(role).join('、')}`,
              },
              { type: 'divider' },
              { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: signOut },
            ],
          }}
        >
          <Button type="text" style={{ color: '#fff', paddingInline: 4 }} data-testid="account-menu">
            <Space size={4}>
              <span>{me.displayName}</span>
              {wide && (
                <Typography.Text style={{ color: '#c9d6ea', fontSize: 12 }}>
                  {departmentName(me.departmentId)}
                </Typography.Text>
              )}
            </Space>
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        {wide ? (
          <Layout.Sider width={200} theme="light" style={{ borderInlineEnd: '1px solid #e8e8e8' }}>
            <nav aria-label="主导航">{menu}</nav>
          </Layout.Sider>
        ) : (
          <Drawer
            placement="left"
            size={240}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title="导航"
            styles={{ body: { padding: 0 } }}
          >
            <nav aria-label="主导航">{menu}</nav>
          </Drawer>
        )}
        <Layout.Content>
          <main>
            <Outlet />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
