import { CloseCircleOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Skeleton, Spin } from 'antd';
import type { ReactNode } from 'react';
import { ApiProblem } from '../api/client';
import { problemMessage } from '../api/problem';

export function PageLoading() {
  return (
    <div className="state" role="status" aria-live="polite">
      <Spin size="large" />
      <div style={{ marginTop: 12 }}>正在加载…</div>
    </div>
  );
}

/** A failed load: the Chinese message for the problem, the API's own words below for whoever reports it. */
export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const notFound = error instanceof ApiProblem && error.status === 404;
  return (
    <div className="state" role="alert">
      {notFound ? (
        <QuestionCircleOutlined style={{ fontSize: 40, color: '#8c8c8c' }} />
      ) : (
        <CloseCircleOutlined style={{ fontSize: 40, color: '#cf1322' }} />
      )}
      <div className="state-title">{notFound ? '未找到' : '加载失败'}</div>
      <ProblemText error={error} />
      {onRetry && !notFound ? (
        <div style={{ marginTop: 16 }}>
          <Button onClick={onRetry}>重试</Button>
        </div>
      ) : null}
    </div>
  );
}

export function ProblemText({ error }: { error: unknown }) {
  return (
    <>
      {problemMessage(error)}
      {error instanceof ApiProblem && error.detail ? (
        <div style={{ fontSize: 12, color: '#8c8c8c', marginTop: 4 }}>系统说明：{error.detail}</div>
      ) : null}
    </>
  );
}

export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? '操作未成功'}
      description={<ProblemText error={error} />}
      style={{ marginBottom: 16 }}
    />
  );
}

/** The three states every list shows: loading, failed, empty; else its content. */
export function QueryState({
  isPending,
  error,
  isEmpty,
  empty,
  onRetry,
  children,
}: {
  isPending: boolean;
  error: unknown;
  isEmpty: boolean;
  empty: ReactNode;
  onRetry?: () => void;
  children: ReactNode;
}) {
  if (isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (error) return <PageError error={error} onRetry={onRetry} />;
  if (isEmpty) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return <>{children}</>;
}
