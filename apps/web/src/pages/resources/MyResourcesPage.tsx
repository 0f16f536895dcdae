import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../api/hooks/auth';
import { useResources } from '../../api/hooks/catalog';
import type { Resource } from '../../api/interim-types';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../layout/states';
import { RESOURCE_STATUS, catalog, resourceStatus, sharingType } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  in_review: 'processing',
  returned: 'warning',
  published: 'success',
  retired: 'default',
};

/** 本部门资源: what my department provides, in every state (drafts and returned ones included), newest change first. */
export default function MyResourcesPage() {
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const page = Number(params.get('page') ?? 1);
  const resources = useResources({
    providerDepartmentId: me.departmentId,
    status,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });

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
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={2} style={{ fontSize: 22, margin: 0 }}>
          本部门资源
        </Typography.Title>
        <Link to="/my-resources/new">
          <Button type="primary">登记资源</Button>
        </Link>
      </Space>
      <Panel>
        <Select
          aria-label="资源状态"
          allowClear
          placeholder="全部状态"
          style={{ minWidth: 160, marginBottom: 16 }}
          value={status}
          onChange={(value?: string) => update({ status: value })}
          options={Object.entries(RESOURCE_STATUS).map(([value, label]) => ({ value, label }))}
        />
        <QueryState
          isPending={resources.isPending}
          error={resources.error}
          isEmpty={resources.data?.total === 0}
          empty="本部门还没有登记资源"
          onRetry={() => void resources.refetch()}
        >
          <Table<Resource>
            rowKey="id"
            size="middle"
            loading={resources.isFetching}
            dataSource={resources.data?.items ?? []}
            scroll={{ x: 720 }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: resources.data?.total ?? 0,
              onChange: (next) => update({ page: String(next) }),
              showTotal: (total) => `共 ${total} 个资源`,
              showSizeChanger: false,
            }}
            columns={[
              {
                title: '资源名称',
                dataIndex: 'name',
                render: (name: string, resource) => (
                  <Link to={`/catalog/resources/${resource.id}`}>{name}</Link>
                ),
              },
              { title: '资源代码', dataIndex: 'identifier', width: 190 },
              { title: '目录', dataIndex: 'catalog', width: 100, render: catalog },
              { title: '共享类型', dataIndex: 'sharingType', width: 110, render: sharingType },
              {
                title: '状态',
                dataIndex: 'status',
                width: 100,
                render: (value: string) => <Tag color={STATUS_COLORS[value]}>{resourceStatus(value)}</Tag>,
              },
              {
                title: '版本',
                dataIndex: 'version',
                width: 70,
                render: (version: number) => `第${version}版`,
              },
              { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: formatDateTime },
            ]}
          />
        </QueryState>
      </Panel>
    </div>
  );
}
