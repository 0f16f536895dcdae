import { Select, Table, Tag, Typography } from 'antd';
import { Panel } from '../../components/Panel';
import { Link, useSearchParams } from 'react-router';
import { useDepartmentName } from '../../api/hooks/directory';
import { useSharingRequests } from '../../api/hooks/sharing';
import type { SharingRequestSummary } from '../../api/interim-types';
import { QueryState } from '../../layout/states';
import { SHARING_STATUS, method, purpose, sharingStatus } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';

const PAGE_SIZE = 20;
export const STATUS_COLORS: Record<string, string> = {
  granted: 'success',
  refused: 'error',
  withdrawn: 'default',
  lapsed: 'default',
  expired: 'default',
  revoked: 'error',
};

/** 我的申请 (requester) and 收到的申请 (provider): the department's requests, newest first, by status. */
export default function RequestListPage({ side }: { side: 'requester' | 'provider' }) {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const page = Number(params.get('page') ?? 1);
  const list = useSharingRequests({ role: side, status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const departmentName = useDepartmentName();
  const title = side === 'requester' ? '我的申请' : '收到的申请';

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries({ page: undefined, ...changes })) {
      if (!value) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };

  return (
    <div className="page">
      <Typography.Title level={2} className="page-title" style={{ fontSize: 22 }}>
        {title}
      </Typography.Title>
      <Panel>
        <Select
          aria-label="申请状态"
          allowClear
          placeholder="全部状态"
          style={{ minWidth: 180, marginBottom: 16 }}
          value={status}
          onChange={(value?: string) => update({ status: value })}
          options={Object.entries(SHARING_STATUS).map(([value, label]) => ({ value, label }))}
        />
        <QueryState
          isPending={list.isPending}
          error={list.error}
          isEmpty={list.data?.total === 0}
          empty={
            side === 'requester'
              ? '本部门还没有提交过共享申请，可在“资源目录”中查找资源并申请'
              : '暂无其他部门向本部门提出的申请'
          }
          onRetry={() => void list.refetch()}
        >
          <Table<SharingRequestSummary>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 760 }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              onChange: (next) => update({ page: String(next) }),
              showTotal: (total) => `共 ${total} 件`,
              showSizeChanger: false,
            }}
            columns={[
              {
                title: '申请的数据项',
                dataIndex: 'dataItems',
                render: (items: string[], request) => (
                  <Link to={`/sharing-requests/${request.id}`}>
                    {items.slice(0, 3).join('、')}
                    {items.length > 3 ? ` 等${items.length}项` : ''}
                  </Link>
                ),
              },
              {
                title: side === 'requester' ? '提供部门' : '申请部门',
                key: 'counterpart',
                width: 160,
                render: (_, request) =>
                  departmentName(
                    side === 'requester' ? request.providerDepartmentId : request.requesterDepartmentId,
                  ),
              },
              { title: '用途', dataIndex: 'purpose', width: 100, render: purpose },
              { title: '方式', dataIndex: 'method', width: 90, render: method },
              {
                title: '状态',
                dataIndex: 'status',
                width: 120,
                render: (value: string) => (
                  <Tag color={STATUS_COLORS[value] ?? 'processing'}>{sharingStatus(value)}</Tag>
                ),
              },
              { title: '提交时间', dataIndex: 'createdAt', width: 150, render: formatDateTime },
            ]}
          />
        </QueryState>
      </Panel>
    </div>
  );
}
