import { Tag, Tooltip } from 'antd';
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

/**
 * A due date that counts days of a year whose official holiday arrangement is not published yet: it may still
 * move when the info office imports the arrangement (the reason says so in full on hover or focus).
 */
export function ProvisionalMark({ task }: { task: Pick<Task, 'provisional' | 'provisionalReason'> }) {
  if (!task.provisional) return null;
  return (
    <Tooltip title={task.provisionalReason}>
      <Tag color="gold" tabIndex={0} aria-label={`暂定期限：${task.provisionalReason ?? ''}`}>
        暂定
      </Tag>
    </Tooltip>
  );
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
            {task.status === 'open' ? <ProvisionalMark task={task} /> : null}
            {task.status === 'open' ? (
              <Countdown dueAt={task.dueAt} overdue={task.overdue} countdown={countdown} />
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
