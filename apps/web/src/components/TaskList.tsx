import { Tag } from 'antd';
import { Link } from 'react-router';
import type { Task } from '../api/interim-types';
import { taskKind } from '../lib/labels';
import { formatDateTime } from '../lib/time';
import { useCountdown } from '../lib/working-days';

/** Where a task's subject is shown, for the kinds that have a page. */
export function subjectPath(task: Pick<Task, 'subjectType' | 'subjectId'>): string | undefined {
  if (task.subjectType === 'sharing_request') return `/sharing-requests/${task.subjectId}`;
  if (task.subjectType === 'catalog_resource') return `/catalog/resources/${task.subjectId}`;
  if (task.subjectType === 'data_demand') return '/demands';
  return undefined;
}

export function Countdown({
  dueAt,
  overdue,
  countdown,
}: {
  dueAt: string;
  overdue?: boolean;
  countdown: ReturnType<typeof useCountdown>;
}) {
  const left = countdown(dueAt);
  if (overdue || left?.overdue) return <span className="overdue">已逾期</span>;
  return <span>{left?.text ?? '…'}</span>;
}

/** The same tasks as a plain list: the home page shows a few without loading the table component. */
export function TaskList({ tasks }: { tasks: Task[] }) {
  const countdown = useCountdown(tasks.filter((task) => task.status === 'open').map((task) => task.dueAt));
  return (
    <ul className="task-list">
      {tasks.map((task) => (
        <li key={task.id}>
          <span className="task-title">
            <Tag>{taskKind(task.kind)}</Tag>
            <Link to={`/tasks/${task.id}`}>{task.title}</Link>
          </span>
          <span className="task-meta">
            <span className={task.overdue ? 'overdue' : undefined}>截止 {formatDateTime(task.dueAt)}</span>
            {task.status === 'open' ? (
              <Countdown dueAt={task.dueAt} overdue={task.overdue} countdown={countdown} />
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
