import { Grid, Pagination, Select, Segmented, Space, Switch, Typography } from 'antd';
import { Panel } from '../../components/Panel';
import { useSearchParams } from 'react-router';
import { useTasks } from '../../api/hooks/tasks';
import { TaskList } from '../../components/TaskList';
import { TaskTable } from '../../components/TaskTable';
import { QueryState } from '../../layout/states';
import { TASK_KIND } from '../../lib/labels';

const PAGE_SIZE = 20;

/** 待办: the caller's tasks, filtered by kind and overdue; the filters live in the address so a link keeps them. */
export default function InboxPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'done' ? 'done' : 'open';
  const kind = params.get('kind') ?? undefined;
  const overdue = params.get('overdue') === 'true';
  const page = Number(params.get('page') ?? 1);
  // On a phone the tasks are a list (a table would scroll sideways).
  const wide = Grid.useBreakpoint().md ?? true;
  const tasks = useTasks({
    status,
    kind,
    overdue: overdue ? 'true' : undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries({ page: undefined, ...changes })) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };

  return (
    <div className="page">
      <Typography.Title level={2} className="page-title" style={{ fontSize: 22 }}>
        待办
      </Typography.Title>
      <Panel>
        <Space wrap size={[16, 12]} style={{ marginBottom: 16 }}>
          <Segmented
            aria-label="待办状态"
            value={status}
            onChange={(value) =>
              update({ status: value === 'done' ? 'done' : undefined, overdue: undefined })
            }
            options={[
              { label: '待处理', value: 'open' },
              { label: '已处理', value: 'done' },
            ]}
          />
          <Select
            aria-label="事项类型"
            allowClear
            placeholder="全部类型"
            style={{ minWidth: 180 }}
            value={kind}
            onChange={(value?: string) => update({ kind: value })}
            options={Object.entries(TASK_KIND).map(([value, label]) => ({ value, label }))}
          />
          {status === 'open' && (
            <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
              <Switch
                checked={overdue}
                onChange={(checked) => update({ overdue: checked ? 'true' : undefined })}
              />
              只看已逾期
            </label>
          )}
        </Space>
        <QueryState
          isPending={tasks.isPending}
          error={tasks.error}
          isEmpty={tasks.data?.total === 0}
          empty={
            overdue
              ? '没有逾期的待办'
              : status === 'open'
                ? '暂无待办事项，处理完的事项可在“已处理”中查看'
                : '暂无已处理的事项'
          }
          onRetry={() => void tasks.refetch()}
        >
          {wide ? (
            <TaskTable
              tasks={tasks.data?.items ?? []}
              loading={tasks.isFetching}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: tasks.data?.total ?? 0,
                showTotal: (total) => `共 ${total} 项`,
                onChange: (next) => update({ page: String(next) }),
                showSizeChanger: false,
              }}
            />
          ) : (
            <>
              <TaskList tasks={tasks.data?.items ?? []} />
              <Pagination
                simple
                style={{ marginTop: 12, textAlign: 'center' }}
                current={page}
                pageSize={PAGE_SIZE}
                total={tasks.data?.total ?? 0}
                hideOnSinglePage
                onChange={(next) => update({ page: String(next) })}
              />
            </>
          )}
        </QueryState>
      </Panel>
    </div>
  );
}
