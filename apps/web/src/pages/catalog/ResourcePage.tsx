import { Alert, Button, Descriptions, Space, Table, Tag, Typography, message as antMessage } from 'antd';
import { Panel } from '../../components/Panel';
import { Link, useParams } from 'react-router';
import { useMe } from '../../api/hooks/auth';
import { useResource, useSubmitResource, useSubscribe, useSubscriptions } from '../../api/hooks/catalog';
import { useDepartmentName } from '../../api/hooks/directory';
import type { DataItem, OwnResource } from '../../api/interim-types';
import { problemMessage } from '../../api/problem';
import { PageError, PageLoading } from '../../layout/states';
import {
  catalog,
  dataType,
  frequency,
  method,
  openScope,
  outcome,
  resourceStatus,
  sharingType,
} from '../../lib/labels';
import { formatDate, formatDateTime } from '../../lib/time';

export default function ResourcePage() {
  const { id = '' } = useParams();
  const me = useMe().data!;
  const resource = useResource(id);
  const departmentName = useDepartmentName();
  const subscriptions = useSubscriptions();
  const subscribe = useSubscribe(id);
  const submitForReview = useSubmitResource(id);
  const [message, messageHolder] = antMessage.useMessage();

  if (resource.isPending) return <PageLoading />;
  if (resource.isError) return <PageError error={resource.error} onRetry={() => void resource.refetch()} />;
  const r = resource.data;
  const own = r.providerDepartmentId === me.departmentId;
  const subscribed = subscriptions.data?.items.some((item) => item.resourceId === id) ?? false;
  const canApply = r.status === 'published' && r.sharingType !== 'not_shareable' && !own;
  const mine = r as OwnResource;
  // The pending version (a draft, a returned one, a revision) is what the provider edits and submits.
  const pendingState =
    mine.pendingChange?.state ?? (r.status === 'draft' || r.status === 'returned' ? r.status : undefined);
  const canSubmit = own && (pendingState === 'draft' || pendingState === 'returned');
  const canEdit = own && pendingState !== 'in_review' && r.status !== 'retired' && r.status !== 'in_review';
  const submit = () =>
    submitForReview.mutate(undefined, {
      onSuccess: () => void message.success('已提交信息办审核'),
      onError: (error) => void message.error(problemMessage(error)),
    });

  const toggleSubscription = () =>
    subscribe.mutate(!subscribed, {
      onSuccess: () =>
        void message.success(subscribed ? '已取消订阅' : '已订阅：资源更新或停用时将通知本部门'),
      onError: (error) => void message.error(problemMessage(error)),
    });

  return (
    <div className="page">
      {messageHolder}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={2} style={{ fontSize: 22, margin: 0 }}>
          {r.name}
        </Typography.Title>
        <Space wrap>
          {r.status === 'published' && !own && (
            <Button onClick={toggleSubscription} loading={subscribe.isPending}>
              {subscribed ? '取消订阅' : '订阅更新'}
            </Button>
          )}
          {canEdit && (
            <Link to={`/catalog/resources/${id}/edit`}>
              <Button>{r.status === 'published' ? '修订（形成新版本）' : '修改'}</Button>
            </Link>
          )}
          {canSubmit && (
            <Button type="primary" onClick={submit} loading={submitForReview.isPending}>
              提交审核
            </Button>
          )}
          {canApply && (
            <Link to={`/catalog/resources/${id}/apply`}>
              <Button type="primary">申请共享</Button>
            </Link>
          )}
        </Space>
      </Space>
      {r.sharingType === 'not_shareable' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="该资源不予共享"
          description={r.notShareableBasis ? `依据：${r.notShareableBasis}` : undefined}
        />
      )}
      {own && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            pendingState && pendingState !== 'approved'
              ? `这是本部门提供的资源，第 ${mine.pendingChange?.version ?? r.version} 版${pendingState === 'in_review' ? '正在审核' : pendingState === 'returned' ? '已退回，请修改后重新提交' : '尚未提交审核'}。`
              : '这是本部门提供的资源。'
          }
        />
      )}
      <Panel title="基本信息" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="资源代码">{r.identifier}</Descriptions.Item>
          <Descriptions.Item label="元数据标识符">{r.metadataIdentifier}</Descriptions.Item>
          <Descriptions.Item label="提供部门">{departmentName(r.providerDepartmentId)}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag>{resourceStatus(r.status)}</Tag> 第 {r.version} 版
          </Descriptions.Item>
          <Descriptions.Item label="资源摘要" span={2}>
            {r.abstract}
          </Descriptions.Item>
          <Descriptions.Item label="所属目录">{catalog(r.catalog)}</Descriptions.Item>
          <Descriptions.Item label="资源分类">{r.classification}</Descriptions.Item>
          <Descriptions.Item label="共享类型">{sharingType(r.sharingType)}</Descriptions.Item>
          <Descriptions.Item label="共享方式">
            {r.sharingMethods.map(method).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="开放属性">{openScope(r.openScope)}</Descriptions.Item>
          <Descriptions.Item label="更新周期">{frequency(r.updateFrequency)}</Descriptions.Item>
          <Descriptions.Item label="是否涉密">
            {r.confidential ? '涉密（共享须签署保密协议）' : '否'}
          </Descriptions.Item>
          <Descriptions.Item label="发布日期">{formatDate(r.publishedAt)}</Descriptions.Item>
        </Descriptions>
      </Panel>
      <Panel title={`数据项（${r.dataItems.length}）`}>
        <Table<DataItem>
          rowKey="name"
          size="small"
          dataSource={r.dataItems}
          pagination={r.dataItems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 560 }}
          columns={[
            { title: '序号', key: 'index', width: 60, render: (_, __, index) => index + 1 },
            { title: '字段名称', dataIndex: 'name' },
            { title: '字段描述', dataIndex: 'description' },
            { title: '数据类型', dataIndex: 'dataType', width: 100, render: dataType },
            { title: '长度', dataIndex: 'length', width: 70, render: (length?: number) => length ?? '—' },
            { title: '开放属性', dataIndex: 'openScope', width: 100, render: openScope },
          ]}
        />
      </Panel>
      {own && mine.reviews && mine.reviews.length > 0 && (
        <Panel title="审核记录" style={{ marginTop: 16 }}>
          <Table
            rowKey="taskId"
            size="small"
            pagination={false}
            dataSource={mine.reviews}
            scroll={{ x: 560 }}
            columns={[
              {
                title: '版本',
                dataIndex: 'version',
                width: 80,
                render: (version: number) => `第${version}版`,
              },
              { title: '提交时间', dataIndex: 'openedAt', width: 150, render: formatDateTime },
              {
                title: '结果',
                dataIndex: 'outcome',
                width: 110,
                render: (value: string | undefined, review) =>
                  value ? outcome(value) : review.status === 'open' ? '审核中' : '—',
              },
              { title: '审核意见', dataIndex: 'comment', render: (value?: string) => value ?? '—' },
              { title: '审核时间', dataIndex: 'decidedAt', width: 150, render: formatDateTime },
            ]}
          />
        </Panel>
      )}
    </div>
  );
}
