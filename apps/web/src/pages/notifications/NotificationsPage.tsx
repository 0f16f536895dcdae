import { Button, List, Segmented, Tag, Typography } from 'antd';
import { Panel } from '../../components/Panel';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMarkRead, useNotifications } from '../../api/hooks/notifications';
import { notificationPath } from '../../lib/links';
import { QueryState } from '../../layout/states';
import { formatDateTime } from '../../lib/time';

const PAGE_SIZE = 20;

export default function NotificationsPage() {
  const [filter, setFilter] = useState<'unread' | 'all'>('unread');
  const [page, setPage] = useState(1);
  const list = useNotifications({
    ...(filter === 'unread' ? { unread: 'true' } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const markRead = useMarkRead();

  return (
    <div className="page">
      <Typography.Title level={2} className="page-title" style={{ fontSize: 22 }}>
        通知
      </Typography.Title>
      <Panel>
        <Segmented
          value={filter}
          onChange={(value) => {
            setFilter(value as 'unread' | 'all');
            setPage(1);
          }}
          options={[
            { label: '未读', value: 'unread' },
            { label: '全部', value: 'all' },
          ]}
          style={{ marginBottom: 16 }}
        />
        <QueryState
          isPending={list.isPending}
          error={list.error}
          isEmpty={list.data?.items.length === 0}
          empty={filter === 'unread' ? '没有未读通知' : '暂无通知'}
          onRetry={() => void list.refetch()}
        >
          <List
            dataSource={list.data?.items ?? []}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              onChange: setPage,
              showTotal: (total) => `共 ${total} 条`,
              hideOnSinglePage: true,
            }}
            renderItem={(notification) => (
              <List.Item
                actions={
                  notification.readAt
                    ? [<Tag key="read">已读</Tag>]
                    : [
                        <Button
                          key="read"
                          size="small"
                          onClick={() => markRead.mutate(notification.id)}
                          loading={markRead.isPending && markRead.variables === notification.id}
                        >
                          标为已读
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  title={
                    <Link
                      to={notificationPath(notification)}
                      onClick={() => !notification.readAt && markRead.mutate(notification.id)}
                    >
                      {notification.subject}
                    </Link>
                  }
                  description={formatDateTime(notification.createdAt)}
                />
              </List.Item>
            )}
          />
        </QueryState>
      </Panel>
    </div>
  );
}
