import {
  Button,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  message as antMessage,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../../api/hooks/auth';
import { useDemands, usePostDemand } from '../../api/hooks/demands';
import { useDepartmentName, useDepartments } from '../../api/hooks/directory';
import type { Demand, NewDemand } from '../../api/interim-types';
import { Panel } from '../../components/Panel';
import { ProblemAlert, QueryState } from '../../layout/states';
import { FREQUENCY, frequency, outcome } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';

const PAGE_SIZE = 20;

/** 数据需求: demands my department posted or must answer (the answer is a demand_response task in 待办). */
export default function DemandsPage() {
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as 'open' | 'answered' | null) ?? undefined;
  const page = Number(params.get('page') ?? 1);
  const demands = useDemands({ status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const departments = useDepartments();
  const departmentName = useDepartmentName();
  const post = usePostDemand();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewDemand>();
  const [message, messageHolder] = antMessage.useMessage();

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries({ page: undefined, ...changes })) {
      if (!value) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };

  const submit = (values: NewDemand) =>
    post.mutate(values, {
      onSuccess: () => {
        setOpen(false);
        form.resetFields();
        void message.success('数据需求已登记，提供部门将在待办中答复');
      },
    });

  return (
    <div className="page">
      {messageHolder}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={2} style={{ fontSize: 22, margin: 0 }}>
          数据需求
        </Typography.Title>
        <Button type="primary" onClick={() => setOpen(true)}>
          登记数据需求
        </Button>
      </Space>
      <Panel>
        <Segmented
          value={status ?? 'all'}
          onChange={(value) => update({ status: value === 'all' ? undefined : String(value) })}
          options={[
            { label: '全部', value: 'all' },
            { label: '待答复', value: 'open' },
            { label: '已答复', value: 'answered' },
          ]}
          style={{ marginBottom: 16 }}
        />
        <QueryState
          isPending={demands.isPending}
          error={demands.error}
          isEmpty={demands.data?.total === 0}
          empty="暂无数据需求"
          onRetry={() => void demands.refetch()}
        >
          <Table<Demand>
            rowKey="id"
            size="middle"
            loading={demands.isFetching}
            dataSource={demands.data?.items ?? []}
            scroll={{ x: 760 }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: demands.data?.total ?? 0,
              onChange: (next) => update({ page: String(next) }),
              showTotal: (total) => `共 ${total} 条`,
              showSizeChanger: false,
            }}
            columns={[
              { title: '所需数据', dataIndex: 'dataName' },
              {
                title: '方向',
                key: 'side',
                width: 200,
                render: (_, demand) =>
                  demand.requesterDepartmentId === me.departmentId
                    ? `本部门 → ${departmentName(demand.expectedProviderDepartmentId)}`
                    : `${departmentName(demand.requesterDepartmentId)} → 本部门`,
              },
              { title: '更新周期', dataIndex: 'updateFrequency', width: 90, render: frequency },
              {
                title: '状态',
                dataIndex: 'status',
                width: 150,
                render: (value: string, demand) =>
                  value === 'answered' ? (
                    <Tag color="success">已答复：{outcome(demand.answer ?? undefined)}</Tag>
                  ) : (
                    <Tag color="processing">待答复</Tag>
                  ),
              },
              { title: '登记时间', dataIndex: 'createdAt', width: 150, render: formatDateTime },
            ]}
            expandable={{
              expandedRowRender: (demand) => (
                <div>
                  需求内容：{demand.content}；用途：{demand.purpose}
                  {demand.answerComment ? `；答复意见：${demand.answerComment}` : ''}
                </div>
              ),
            }}
          />
        </QueryState>
      </Panel>
      <Modal
        open={open}
        title="登记数据需求"
        okText="提交"
        cancelText="取消"
        confirmLoading={post.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <ProblemAlert error={post.error} title="未能登记" />
        <Form<NewDemand>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ updateFrequency: 'monthly' }}
        >
          <Form.Item
            label="所需数据名称"
            name="dataName"
            rules={[{ required: true, whitespace: true, message: '请填写所需数据名称' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            label="期望提供部门"
            name="expectedProviderDepartmentId"
            rules={[{ required: true, message: '请选择期望提供部门' }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={departments.data?.items
                .filter((department) => department.id !== me.departmentId)
                .map((department) => ({ value: department.id, label: department.name }))}
            />
          </Form.Item>
          <Form.Item
            label="需求内容"
            name="content"
            rules={[{ required: true, whitespace: true, message: '请说明需要哪些数据项' }]}
          >
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item
            label="用途"
            name="purpose"
            rules={[{ required: true, whitespace: true, message: '请说明用途' }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item label="期望更新周期" name="updateFrequency" rules={[{ required: true }]}>
            <Select
              options={Object.entries(FREQUENCY).map(([value, label]) => ({ value, label }))}
              style={{ maxWidth: 200 }}
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
