import {
  Alert,
  Button,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Space,
  Steps,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
  message as antMessage,
} from 'antd';
import { Panel } from '../../components/Panel';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMe } from '../../api/hooks/auth';
import { useResource } from '../../api/hooks/catalog';
import { useDepartmentName } from '../../api/hooks/directory';
import {
  documentUrl,
  downloadPdf,
  useAvailableDocuments,
  useReasonedAction,
  useRenew,
  useResume,
  useSharingRequest,
  useWithdraw,
  type SharingDocument,
} from '../../api/hooks/sharing';
import type { SharingRequest } from '../../api/interim-types';
import { problemMessage } from '../../api/problem';
import { Countdown } from '../../components/TaskTable';
import { PageError, PageLoading } from '../../layout/states';
import {
  DOCUMENT,
  grantStatus,
  method,
  purpose,
  role,
  sharingStatus,
  taskKind,
  timelineText,
} from '../../lib/labels';
import { dayjs, formatDate, formatDateTime, ZONE } from '../../lib/time';
import { useCountdown } from '../../lib/working-days';
import { STATUS_COLORS } from './RequestListPage';

const FINAL = ['refused', 'withdrawn', 'lapsed', 'expired', 'revoked'];

interface Step {
  key: string;
  title: string;
  /** Timeline events and statuses that show the request reached this step. */
  reachedBy: string[];
}

/**
 * The steps this request goes through: negotiation and coordination only once they happened, the agreement only
 * for a confidential resource, so a request granted at once does not show steps it never took as done.
 */
function stepsOf(request: SharingRequest, confidential: boolean | undefined): Step[] {
  const happened = (types: string[]) =>
    types.includes(request.status) || request.timeline.some((event) => types.includes(event.type));
  const steps: Step[] = [
    { key: 'submitted', title: '提交申请', reachedBy: [] },
    { key: 'provider', title: '提供方审核', reachedBy: ['awaiting_provider', 'provider_review_requested'] },
  ];
  const negotiation = ['negotiating', 'counter_offer', 'counter_offer_accepted', 'terms_revised'];
  if (happened(negotiation)) steps.push({ key: 'negotiation', title: '协商', reachedBy: negotiation });
  const escalation = ['escalated', 'refused_by_provider', 'delivery_ordered'];
  if (happened(escalation)) steps.push({ key: 'escalation', title: '协调/领导小组', reachedBy: escalation });
  const agreement = ['awaiting_agreement', 'awaiting_filing', 'agreement_required'];
  if (confidential || happened(agreement))
    steps.push({ key: 'agreement', title: '保密协议', reachedBy: agreement });
  steps.push({ key: 'end', title: '已共享', reachedBy: ['granted', 'expired', 'revoked'] });
  return steps;
}

/** Where the request stands, step by step. */
function Progress({ request, confidential }: { request: SharingRequest; confidential: boolean | undefined }) {
  const steps = stepsOf(request, confidential);
  const reached = steps.reduce(
    (last, step, index) =>
      step.reachedBy.some(
        (mark) => mark === request.status || request.timeline.some((event) => event.type === mark),
      )
        ? index
        : last,
    0,
  );
  const ended = FINAL.includes(request.status);
  const granted = request.status === 'granted';
  // A request that ended shows its end (不予共享, 已撤回…) in place of 已共享, in red.
  const current = granted || ended ? steps.length - 1 : reached;
  return (
    <Steps
      size="small"
      current={current}
      status={ended ? 'error' : granted ? 'finish' : 'process'}
      responsive
      items={steps.map((step, index) => ({
        title: ended && index === current ? sharingStatus(request.status) : step.title,
      }))}
    />
  );
}

function OpenTasks({ request }: { request: SharingRequest }) {
  const me = useMe().data!;
  const departmentName = useDepartmentName();
  const countdown = useCountdown(request.openTasks.map((task) => task.dueAt));
  if (request.openTasks.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前没有待办理的事项" />;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={request.openTasks}
      scroll={{ x: 520 }}
      columns={[
        { title: '事项', dataIndex: 'kind', render: taskKind },
        {
          title: '办理方',
          key: 'who',
          render: (_, task) =>
            `${task.assigneeDepartmentId ? departmentName(task.assigneeDepartmentId) : ''}${role(task.assigneeRole)}`,
        },
        {
          title: '截止时间',
          dataIndex: 'dueAt',
          render: (dueAt: string) => (
            <Space size={8} wrap>
              {formatDateTime(dueAt)}
              <Countdown dueAt={dueAt} countdown={countdown} />
            </Space>
          ),
        },
        {
          title: '',
          key: 'act',
          width: 90,
          render: (_, task) =>
            task.assigneeDepartmentId === me.departmentId && me.roles.includes(task.assigneeRole) ? (
              <Link to={`/tasks/${task.id}`}>
                <Button type="primary" size="small">
                  去办理
                </Button>
              </Link>
            ) : null,
        },
      ]}
    />
  );
}

function Documents({ request }: { request: SharingRequest }) {
  const available = useAvailableDocuments(request.id, request.status);
  const [message, messageHolder] = antMessage.useMessage();
  if (available.isPending) return <PageLoading />;
  if (!available.data?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无文书" />;
  return (
    <>
      {messageHolder}
      <Tabs
        items={available.data.map((name: SharingDocument) => ({
          key: name,
          label: DOCUMENT[name],
          children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space>
                <Button
                  onClick={() =>
                    downloadPdf(request.id, name).catch(() => void message.error('PDF 下载失败，请稍后再试'))
                  }
                >
                  下载 PDF
                </Button>
                <a href={documentUrl(request.id, name)} target="_blank" rel="noopener">
                  在新窗口打开
                </a>
              </Space>
              <iframe
                className="doc-frame"
                title={DOCUMENT[name]}
                src={documentUrl(request.id, name)}
                sandbox="allow-same-origin"
              />
            </Space>
          ),
        }))}
      />
    </>
  );
}

type ActionKind = 'withdraw' | 'non-delivery' | 'revoke' | 'suspend' | 'renew';
const ACTION_TITLES: Record<ActionKind, string> = {
  withdraw: '撤回申请',
  'non-delivery': '反映未按授权提供数据',
  revoke: '撤销共享授权',
  suspend: '暂停共享授权',
  renew: '申请延续授权',
};

function Actions({ request }: { request: SharingRequest }) {
  const me = useMe().data!;
  const [open, setOpen] = useState<ActionKind>();
  const [form] = Form.useForm<{ reasons: string; validUntil?: Dayjs }>();
  const [message, messageHolder] = antMessage.useMessage();
  const withdraw = useWithdraw(request.id);
  const nonDelivery = useReasonedAction(request.id, 'non-delivery');
  const revoke = useReasonedAction(request.id, 'revoke');
  const suspend = useReasonedAction(request.id, 'suspend');
  const resume = useResume(request.id);
  const renew = useRenew(request.id);
  const requester = request.requesterDepartmentId === me.departmentId;
  const provider = request.providerDepartmentId === me.departmentId;
  const granted = request.status === 'granted';
  const suspended = request.grant?.status === 'suspended';
  const ended = FINAL.includes(request.status);

  const done = (text: string) => ({
    onSuccess: () => {
      setOpen(undefined);
      form.resetFields();
      void message.success(text);
    },
    onError: (error: unknown) => void message.error(problemMessage(error)),
  });
  const submit = ({ reasons, validUntil }: { reasons: string; validUntil?: Dayjs }) => {
    if (open === 'withdraw') withdraw.mutate(reasons, done('申请已撤回'));
    if (open === 'non-delivery') nonDelivery.mutate(reasons, done('已提交，信息办将协调处理'));
    if (open === 'revoke') revoke.mutate(reasons, done('共享授权已撤销'));
    if (open === 'suspend') suspend.mutate(reasons, done('共享授权已暂停'));
    if (open === 'renew' && validUntil)
      renew.mutate(
        { reasons, validUntil: dayjs.tz(validUntil.format('YYYY-MM-DD'), ZONE).endOf('day').format() },
        done('延续申请已提交提供方审核'),
      );
  };
  const pending =
    withdraw.isPending || nonDelivery.isPending || revoke.isPending || suspend.isPending || renew.isPending;

  const buttons = [
    requester && !ended && !granted && (
      <Button key="w" danger onClick={() => setOpen('withdraw')}>
        撤回申请
      </Button>
    ),
    requester && granted && (
      <Button key="r" onClick={() => setOpen('renew')}>
        申请延续
      </Button>
    ),
    requester && granted && (
      <Button key="n" onClick={() => setOpen('non-delivery')}>
        反映未提供数据
      </Button>
    ),
    provider && granted && !suspended && (
      <Button key="s" onClick={() => setOpen('suspend')}>
        暂停授权
      </Button>
    ),
    provider && granted && suspended && (
      <Button
        key="u"
        loading={resume.isPending}
        onClick={() => resume.mutate(undefined, done('共享授权已恢复'))}
      >
        恢复授权
      </Button>
    ),
    provider && granted && (
      <Button key="v" danger onClick={() => setOpen('revoke')}>
        撤销授权
      </Button>
    ),
  ].filter(Boolean);
  if (buttons.length === 0) return null;

  return (
    <>
      {messageHolder}
      <Space wrap>{buttons}</Space>
      <Modal
        open={Boolean(open)}
        title={open && ACTION_TITLES[open]}
        okText="确认"
        cancelText="取消"
        confirmLoading={pending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          {open === 'renew' && (
            <Form.Item
              label="延续至"
              name="validUntil"
              rules={[{ required: true, message: '请选择延续后的截止日期' }]}
            >
              <DatePicker disabledDate={(day) => day.isBefore(dayjs(), 'day')} />
            </Form.Item>
          )}
          <Form.Item
            label={open === 'withdraw' ? '撤回原因（选填）' : '理由'}
            name="reasons"
            rules={open === 'withdraw' ? [] : [{ required: true, whitespace: true, message: '请填写理由' }]}
          >
            <Input.TextArea rows={4} maxLength={4000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export default function RequestPage() {
  const { id = '' } = useParams();
  const request = useSharingRequest(id);
  const resource = useResource(request.data?.resourceId);
  const departmentName = useDepartmentName();

  if (request.isPending) return <PageLoading />;
  if (request.isError) return <PageError error={request.error} onRetry={() => void request.refetch()} />;
  const r = request.data;

  return (
    <div className="page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={2} style={{ fontSize: 22, margin: 0 }}>
          共享申请：
          {resource.data ? <Link to={`/catalog/resources/${r.resourceId}`}>{resource.data.name}</Link> : '…'}
        </Typography.Title>
        <Tag
          color={STATUS_COLORS[r.status] ?? 'processing'}
          style={{ fontSize: 14, padding: '2px 10px' }}
          data-testid="request-status"
        >
          {sharingStatus(r.status)}
        </Tag>
      </Space>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Panel>
          <Progress request={r} confidential={resource.data?.confidential} />
        </Panel>
        <Actions request={r} />
        {r.grant && (
          <Alert
            type={r.grant.status === 'active' ? 'success' : 'warning'}
            showIcon
            title={`共享授权：${grantStatus(r.grant.status)}`}
            description={
              <span data-testid="grant">
                授权数据项：{r.grant.dataItems.join('、')}；使用范围：{r.grant.scope}；共享方式：
                {method(r.grant.method)}；有效期至：
                {r.grant.validUntil ? formatDate(r.grant.validUntil) : '长期'}
              </span>
            }
          />
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Panel title="申请内容">
              <Descriptions column={1} size="small">
                <Descriptions.Item label="申请部门">
                  {departmentName(r.requesterDepartmentId)}
                </Descriptions.Item>
                <Descriptions.Item label="提供部门">
                  {departmentName(r.providerDepartmentId)}
                </Descriptions.Item>
                <Descriptions.Item label="数据项">{r.dataItems.join('、')}</Descriptions.Item>
                <Descriptions.Item label="申请用途">{purpose(r.purpose)}</Descriptions.Item>
                <Descriptions.Item label="用途说明">{r.purposeDetail}</Descriptions.Item>
                <Descriptions.Item label="使用范围">{r.scope}</Descriptions.Item>
                <Descriptions.Item label="共享方式">{method(r.method)}</Descriptions.Item>
                <Descriptions.Item label="使用期限至">
                  {r.validUntil ? formatDate(r.validUntil) : '长期'}
                </Descriptions.Item>
                <Descriptions.Item label="提交时间">{formatDateTime(r.createdAt)}</Descriptions.Item>
              </Descriptions>
            </Panel>
          </Col>
          <Col xs={24} lg={10}>
            <Panel title="办理经过">
              <Timeline
                items={[{ at: r.createdAt, type: 'submitted' }, ...r.timeline].reverse().map((event) => ({
                  color: ['refused', 'revoked', 'withdrawn', 'lapsed'].includes(event.type)
                    ? 'red'
                    : event.type === 'granted'
                      ? 'green'
                      : 'blue',
                  content: (
                    <>
                      <div>{timelineText(event)}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(event.at)}
                      </Typography.Text>
                    </>
                  ),
                }))}
              />
            </Panel>
          </Col>
        </Row>
        <Panel title="待办理事项">
          <OpenTasks request={r} />
        </Panel>
        <Panel title="文书">
          <Documents request={r} />
        </Panel>
      </Space>
    </div>
  );
}
