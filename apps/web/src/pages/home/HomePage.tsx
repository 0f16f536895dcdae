import { Col, Row, Tag, Typography } from 'antd';
import { Panel } from '../../components/Panel';
import { Link } from 'react-router';
import { useMe } from '../../api/hooks/auth';
import { useDepartmentName } from '../../api/hooks/directory';
import { useNotifications } from '../../api/hooks/notifications';
import { useSharingRequests } from '../../api/hooks/sharing';
import { useTasks } from '../../api/hooks/tasks';
import { TaskList } from '../../components/TaskList';
import { QueryState } from '../../layout/states';
import { IN_PROGRESS_STATUSES, sharingStatus } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { notificationPath } from '../../lib/links';

export default function HomePage() {
  const me = useMe().data!;
  const departmentName = useDepartmentName();
  const tasks = useTasks({ status: 'open', limit: 10 });
  const requests = useSharingRequests({ limit: 50 });
  const notifications = useNotifications({ unread: 'true', limit: 5 });
  const inProgress = (requests.data?.items ?? [])
    .filter((request) => IN_PROGRESS_STATUSES.includes(request.status))
    .slice(0, 8);

  return (
    <div className="page">
      <Typography.Title level={2} className="page-title" style={{ fontSize: 22 }}>
        工作台
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        您好，{me.displayName}（{departmentName(me.departmentId)}）
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Panel
            title={`我的待办${tasks.data ? `（${tasks.data.total}）` : ''}`}
            extra={<Link to="/tasks">全部待办</Link>}
          >
            <QueryState
              isPending={tasks.isPending}
              error={tasks.error}
              isEmpty={tasks.data?.items.length === 0}
              empty="暂无待办事项"
              onRetry={() => void tasks.refetch()}
            >
              <TaskList tasks={tasks.data?.items ?? []} />
            </QueryState>
          </Panel>
        </Col>
        <Col xs={24} lg={14}>
          <Panel title="本部门办理中的共享申请" extra={<Link to="/sharing-requests">我的申请</Link>}>
            <QueryState
              isPending={requests.isPending}
              error={requests.error}
              isEmpty={inProgress.length === 0}
              empty="暂无办理中的申请"
            >
              <ul className="task-list">
                {inProgress.map((request) => (
                  <li key={request.id}>
                    <span className="task-title">
                      <Link to={`/sharing-requests/${request.id}`}>
                        {request.requesterDepartmentId === me.departmentId
                          ? `向${departmentName(request.providerDepartmentId)}申请`
                          : `${departmentName(request.requesterDepartmentId)}申请本部门数据`}
                      </Link>
                      <div className="task-meta">
                        {request.dataItems.slice(0, 4).join('、')}
                        {request.dataItems.length > 4 ? '等' : ''} · 更新于{' '}
                        {formatDateTime(request.updatedAt)}
                      </div>
                    </span>
                    <Tag color="processing">{sharingStatus(request.status)}</Tag>
                  </li>
                ))}
              </ul>
            </QueryState>
          </Panel>
        </Col>
        <Col xs={24} lg={10}>
          <Panel
            title={`未读通知${notifications.data ? `（${notifications.data.total}）` : ''}`}
            extra={<Link to="/notifications">全部通知</Link>}
          >
            <QueryState
              isPending={notifications.isPending}
              error={notifications.error}
              isEmpty={notifications.data?.items.length === 0}
              empty="没有未读通知"
            >
              <ul className="task-list">
                {(notifications.data?.items ?? []).map((notification) => (
                  <li key={notification.id}>
                    <span className="task-title">
                      <Link to={notificationPath(notification)}>{notification.subject}</Link>
                    </span>
                    <span className="task-meta">{formatDateTime(notification.createdAt)}</span>
                  </li>
                ))}
              </ul>
            </QueryState>
          </Panel>
        </Col>
      </Row>
    </div>
  );
}
