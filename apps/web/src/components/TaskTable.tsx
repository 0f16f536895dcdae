import { Table, Tag, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { Link } from 'react-router';
import type { Task } from '../api/interim-types';
import { taskKind } from '../lib/labels';
import { formatDateTime } from '../lib/time';
import { useCountdown } from '../lib/working-days';
import { Countdown, ProvisionalMark } from './TaskList';

export { Countdown, ProvisionalMark, subjectPath } from './TaskList';

/** Open tasks soonest due first, each with its working-day countdown; overdue ones in red. */
export function TaskTable({
  tasks,
  loading,
  pagination,
}: {
  tasks: Task[];
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
}) {
  const countdown = useCountdown(tasks.filter((task) => task.status === 'open').map((task) => task.dueAt));
  return (
    <Table<Task>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={tasks}
      pagination={pagination ?? false}
      scroll={{ x: 640 }}
      rowClassName={(task) => (task.overdue ? 'row-overdue' : '')}
      columns={[
        {
          title: '事项',
          dataIndex: 'title',
          render: (title: string, task) => <Link to={`/tasks/${task.id}`}>{title}</Link>,
        },
        {
          title: '类型',
          dataIndex: 'kind',
          width: 130,
          render: (kind: string) => <Tag>{taskKind(kind)}</Tag>,
        },
        {
          title: '截止时间',
          dataIndex: 'dueAt',
          width: 150,
          render: (dueAt: string, task) => (
            <Typography.Text type={task.overdue ? 'danger' : undefined}>
              {formatDateTime(dueAt)} <ProvisionalMark task={task} />
            </Typography.Text>
          ),
        },
        {
          title: '剩余',
          key: 'left',
          width: 130,
          render: (_, task) =>
            task.status === 'open' ? (
              <Countdown dueAt={task.dueAt} overdue={task.overdue} countdown={countdown} />
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}
