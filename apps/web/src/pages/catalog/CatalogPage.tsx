import { Col, Input, List, Row, Select, Space, Tag, Typography } from 'antd';
import { Panel } from '../../components/Panel';
import { Link, useSearchParams } from 'react-router';
import { useResources } from '../../api/hooks/catalog';
import { useDepartmentName, useDepartments } from '../../api/hooks/directory';
import type { Resource } from '../../api/interim-types';
import { Highlight } from '../../components/Highlight';
import { QueryState } from '../../layout/states';
import { CATALOG, OPEN_SCOPE, SHARING_TYPE, catalog, openScope, sharingType } from '../../lib/labels';
import { formatDate } from '../../lib/time';

const PAGE_SIZE = 10;
const SHARING_COLORS: Record<string, string> = {
  unconditional: 'green',
  conditional: 'blue',
  not_shareable: 'default',
};

function matchedItems(resource: Resource, query: string) {
  const terms = query.split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  return resource.dataItems
    .filter((item) => terms.some((term) => item.name.includes(term)))
    .map((item) => item.name);
}

/** 资源目录: search by Chinese substrings of names, abstracts and data items, with the catalog's filters. */
export default function CatalogPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const filters = {
    providerDepartmentId: params.get('provider') ?? undefined,
    catalog: params.get('catalog') ?? undefined,
    sharingType: params.get('sharingType') ?? undefined,
    openScope: params.get('openScope') ?? undefined,
  };
  const page = Number(params.get('page') ?? 1);
  const resources = useResources({
    q: q || undefined,
    ...filters,
    status: 'published',
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const departments = useDepartments();
  const departmentName = useDepartmentName();

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
        资源目录
      </Typography.Title>
      <Panel style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="搜索资源"
          placeholder="输入资源名称、摘要或数据项中的字词，如“户籍”“低保”"
          defaultValue={q}
          allowClear
          enterButton="搜索"
          size="large"
          onSearch={(value) => update({ q: value.trim() || undefined })}
        />
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          <Col xs={24} sm={12} lg={6}>
            <Select
              aria-label="提供部门"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部提供部门"
              style={{ width: '100%' }}
              value={filters.providerDepartmentId}
              loading={departments.isPending}
              onChange={(value?: string) => update({ provider: value })}
              options={departments.data?.items.map((department) => ({
                value: department.id,
                label: department.name,
              }))}
            />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Select
              aria-label="目录类别"
              allowClear
              placeholder="全部目录"
              style={{ width: '100%' }}
              value={filters.catalog}
              onChange={(value?: string) => update({ catalog: value })}
              options={Object.entries(CATALOG).map(([value, label]) => ({ value, label }))}
            />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Select
              aria-label="共享类型"
              allowClear
              placeholder="全部共享类型"
              style={{ width: '100%' }}
              value={filters.sharingType}
              onChange={(value?: string) => update({ sharingType: value })}
              options={Object.entries(SHARING_TYPE).map(([value, label]) => ({ value, label }))}
            />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Select
              aria-label="开放属性"
              allowClear
              placeholder="全部开放属性"
              style={{ width: '100%' }}
              value={filters.openScope}
              onChange={(value?: string) => update({ openScope: value })}
              options={Object.entries(OPEN_SCOPE).map(([value, label]) => ({ value, label }))}
            />
          </Col>
        </Row>
      </Panel>
      <Panel>
        <QueryState
          isPending={resources.isPending}
          error={resources.error}
          isEmpty={resources.data?.total === 0}
          empty={q ? `没有找到包含“${q}”的资源，请换个字词或减少筛选条件` : '暂无符合条件的资源'}
          onRetry={() => void resources.refetch()}
        >
          <List
            loading={resources.isFetching}
            itemLayout="vertical"
            dataSource={resources.data?.items ?? []}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: resources.data?.total ?? 0,
              onChange: (next) => update({ page: String(next) }),
              showTotal: (total) => `共 ${total} 个资源`,
              showSizeChanger: false,
            }}
            renderItem={(resource) => {
              const items = matchedItems(resource, q);
              return (
                <List.Item key={resource.id}>
                  <List.Item.Meta
                    title={
                      <Link to={`/catalog/resources/${resource.id}`}>
                        <Highlight text={resource.name} query={q} />
                      </Link>
                    }
                    description={
                      <Space size={[8, 4]} wrap>
                        <span>{departmentName(resource.providerDepartmentId)}</span>
                        <Tag color={SHARING_COLORS[resource.sharingType]}>
                          {sharingType(resource.sharingType)}
                        </Tag>
                        <Tag>{catalog(resource.catalog)}</Tag>
                        <Tag>{openScope(resource.openScope)}</Tag>
                        <span>{resource.identifier}</span>
                        <span>发布于 {formatDate(resource.publishedAt)}</span>
                      </Space>
                    }
                  />
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: items.length ? 4 : 0 }}>
                    <Highlight text={resource.abstract} query={q} />
                  </Typography.Paragraph>
                  {items.length > 0 && (
                    <Typography.Text type="secondary">
                      匹配的数据项：
                      <Highlight text={items.join('、')} query={q} />
                    </Typography.Text>
                  )}
                </List.Item>
              );
            }}
          />
        </QueryState>
      </Panel>
    </div>
  );
}
