import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { Panel } from '../../components/Panel';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiProblem } from '../../api/client';
import { useLogin } from '../../api/hooks/auth';
import { ProblemAlert } from '../../layout/states';

/** Only a path of this site: the `next` parameter must not send the user elsewhere after signing in. */
function safeNext(next: string | null) {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const wrongPassword = login.error instanceof ApiProblem && login.error.status === 401;

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #14345f 0%, #1f5fbf 100%)',
      }}
    >
      <Panel style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center', marginBottom: 4 }}>
          政务信息资源共享平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          请使用本部门分配的账号登录
        </Typography.Paragraph>
        {params.get('expired') && !login.isError && (
          <Alert
            type="warning"
            showIcon
            title="登录已过期，请重新登录，登录后将返回原页面。"
            style={{ marginBottom: 16 }}
          />
        )}
        {wrongPassword ? (
          <Alert type="error" showIcon title="用户名或密码错误。" style={{ marginBottom: 16 }} />
        ) : (
          <ProblemAlert error={login.error} title="登录失败" />
        )}
        <Form
          layout="vertical"
          requiredMark={false}
          onFinish={(values: { username: string; password: string }) =>
            login.mutate(values, {
              onSuccess: () => void navigate(safeNext(params.get('next')), { replace: true }),
            })
          }
        >
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Panel>
    </main>
  );
}
