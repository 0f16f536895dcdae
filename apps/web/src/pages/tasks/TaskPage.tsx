import { Descriptions, Space, Tag, Typography } from 'antd';
import { Panel } from '../../components/Panel';
import { Link, useParams } from 'react-router';
import { useResource } from '../../api/hooks/catalog';
import { useDepartmentName } from '../../api/hooks/directory';
import { documentUrl, useSharingRequest } from '../../api/hooks/sharing';
import { useCompleteTask, useTask } from '../../api/hooks/tasks';
import type { SharingRequest, Task } from '../../api/interim-types';
import { Countdown, ProvisionalMark, subjectPath } from '../../components/TaskTable';
import { PageError, PageLoading } from '../../layout/states';
import { method, outcome, purpose, role, sharingStatus, taskKind } from '../../lib/labels';
import { formatDate, formatDateTime } from '../../lib/time';
import { useCountdown } from '../../lib/working-days';
import { CompletionForm, CompletionResult } from './CompletionForm';

/** Tasks on the confidentiality agreement: the head reads what they sign (the secrecy bureau what it files). */
const AGREEMENT_KINDS = new Set(['agreement_signature', 'agreement_filing']);

function SharingSubject({ request }: { request: SharingRequest }) {
  const departmentName = useDepartmentName();
  const resource = useResource(request.resourceId);
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
      <Descriptions.Item label="申请资源" span={2}>
        <Link to={`/catalog/resources/${request.resourceId}`}>{resource.data?.name ?? '…'}</Link>
      </Descriptions.Item>
      <Descriptions.Item label="申请部门">{departmentName(request.requesterDepartmentId)}</Descriptions.Item>
      <Descriptions.Item label="提供部门">{departmentName(request.providerDepartmentId)}</Descriptions.Item>
      <Descriptions.Item label="当前状态">
        <Tag color="processing">{sharingStatus(request.status)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label="申请用途">{purpose(request.purpose)}</Descriptions.Item>
      <Descriptions.Item label="申请的数据项" span={2}>
        {request.dataItems.join('、')}
      </Descriptions.Item>
      <Descriptions.Item label="用途说明" span={2}>
        {request.purposeDetail}
      </Descriptions.Item>
      <Descriptions.Item label="使用范围">{request.scope}</Descriptions.Item>
      <Descriptions.Item label="共享方式">{method(request.method)}</Descriptions.Item>
      <Descriptions.Item label="有效期至">{formatDate(request.validUntil)}</Descriptions.Item>
    </Descriptions>
  );
}

function TaskSummary({ task }: { task: Task }) {
  const countdown = useCountdown(task.status === 'open' ? [task.dueAt] : []);
  const departmentName = useDepartmentName();
  return (
    <Descriptions column={{ xs: 1, md: 3 }} size="small">
      <Descriptions.Item label="类型">{taskKind(task.kind)}</Descriptions.Item>
      <Descriptions.Item label="办理人">
        {task.assigneeDepartmentId ? `${departmentName(task.assigneeDepartmentId)} ` : ''}
        {role(task.assigneeRole)}
      </Descriptions.Item>
      <Descriptions.Item label="截止时间">
        <Space>
          {formatDateTime(task.dueAt)}
          {task.status === 'open' && <ProvisionalMark task={task} />}
          {task.status === 'open' && (
            <Countdown dueAt={task.dueAt} overdue={task.overdue} countdown={countdown} />
          )}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label="创建时间">{formatDateTime(task.createdAt)}</Descriptions.Item>
      {task.status !== 'open' && (
        <Descriptions.Item label="处理结果">{task.outcomeLabel ?? outcome(task.outcome)}</Descriptions.Item>
      )}
      {task.comment && <Descriptions.Item label="意见">{task.comment}</Descriptions.Item>}
    </Descriptions>
  );
}

export default function TaskPage() {
  const { id = '' } = useParams();
  const task = useTask(id);
  const isSharing = task.data?.subjectType === 'sharing_request';
  const request = useSharingRequest(isSharing ? task.data!.subjectId : '');
  const resource = useResource(isSharing ? request.data?.resourceId : undefined);
  // Here, not in the form: the task shows as done as soon as it is closed, and the answer must stay on screen.
  const complete = useCompleteTask(id);
  const completed = complete.isSuccess ? (complete.data ?? {}) : undefined;
  const showForm = task.data?.status === 'open' || complete.isPending || complete.isError;

  if (task.isPending) return <PageLoading />;
  if (task.isError) return <PageError error={task.error} onRetry={() => void task.refetch()} />;
  const path = subjectPath(task.data);

  return (
    <div className="page">
      <Typography.Title level={2} className="page-title" style={{ fontSize: 22 }}>
        {task.data.title}
      </Typography.Title>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Panel>
          <TaskSummary task={task.data} />
        </Panel>
        {isSharing && (
          <Panel title="申请内容" extra={path && <Link to={path}>查看办理进展</Link>}>
            {request.data ? (
              <SharingSubject request={request.data} />
            ) : request.isError ? (
              <PageError error={request.error} />
            ) : (
              <PageLoading />
            )}
          </Panel>
        )}
        {isSharing && AGREEMENT_KINDS.has(task.data.kind) && (
          <Panel
            title="保密协议"
            extra={
              <a href={documentUrl(task.data.subjectId, 'agreement')} target="_blank" rel="noopener">
                在新窗口打开
              </a>
            }
          >
            <iframe
              className="doc-frame"
              title="保密协议"
              src={documentUrl(task.data.subjectId, 'agreement')}
              sandbox="allow-same-origin"
            />
          </Panel>
        )}
        {task.data.subjectType === 'monthly_report' && (
          <Panel title="本月数据（系统已按本月记录自动统计，提交时固定）">
            <iframe
              className="doc-frame"
              title="月度报告"
              src={`/api/v1/monthly-reports/${task.data.subjectId}/document`}
              sandbox="allow-same-origin"
            />
          </Panel>
        )}
        <Panel title={showForm ? '办理' : '办理情况'}>
          {completed ? (
            <CompletionResult task={task.data} state={completed} />
          ) : showForm ? (
            !isSharing || request.data ? (
              <CompletionForm
                task={task.data}
                request={request.data}
                resourceItems={resource.data?.dataItems.map((item) => item.name)}
                complete={complete}
              />
            ) : (
              <PageLoading />
            )
          ) : (
            <Typography.Text>
              此事项已
              {task.data.status === 'done'
                ? `办结，处理结果：${outcome(task.data.outcome)}`
                : task.data.status === 'expired'
                  ? '超过期限未办理'
                  : '取消'}
              。
            </Typography.Text>
          )}
        </Panel>
      </Space>
    </div>
  );
}
