import { Alert, Button, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { ItemChecklist } from '../../components/ItemChecklist';
import { Panel } from '../../components/Panel';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../../api/hooks/auth';
import { useResource } from '../../api/hooks/catalog';
import { useDepartmentName } from '../../api/hooks/directory';
import { useApply } from '../../api/hooks/sharing';
import type { Application } from '../../api/interim-types';
import { PageError, PageLoading, ProblemAlert } from '../../layout/states';
import { PURPOSE, method, purpose } from '../../lib/labels';
import { dayjs, formatDate, ZONE } from '../../lib/time';

interface Values {
  dataItems: string[];
  purpose: string;
  purposeDetail: string;
  scope: string;
  method: string;
  validUntil?: Dayjs;
}

/** 申请共享: which items, why, for what scope, how and until when; previewed as the application before sending. */
export default function ApplyPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe().data!;
  const departmentName = useDepartmentName();
  const resource = useResource(id);
  const apply = useApply();
  const [form] = Form.useForm<Values>();
  const [preview, setPreview] = useState<Application>();

  if (resource.isPending) return <PageLoading />;
  if (resource.isError) return <PageError error={resource.error} onRetry={() => void resource.refetch()} />;
  const r = resource.data;

  const toApplication = (values: Values): Application => ({
    resourceId: id,
    dataItems: values.dataItems,
    purpose: values.purpose,
    purposeDetail: values.purposeDetail.trim(),
    scope: values.scope.trim(),
    method: values.method,
    // The end of the chosen day, Beijing time.
    validUntil: values.validUntil
      ? dayjs.tz(values.validUntil.format('YYYY-MM-DD'), ZONE).endOf('day').format()
      : undefined,
  });

  const send = () =>
    preview &&
    apply.mutate(preview, {
      onSuccess: (created) => void navigate(`/sharing-requests/${created.id}`),
      onError: () => setPreview(undefined),
    });

  return (
    <div className="page">
      <Typography.Title level={2} className="page-title" style={{ fontSize: 22 }}>
        申请共享：{r.name}
      </Typography.Title>
      {r.sharingType === 'unconditional' && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title="该资源为无条件共享，提交后即获授权。"
        />
      )}
      {r.confidential && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="该资源涉密：同意共享后，双方负责人须签署保密协议并报保密局备案。"
        />
      )}
      <ProblemAlert error={apply.error} title="申请未提交" />
      <Panel>
        <Form<Values>
          form={form}
          layout="vertical"
          style={{ maxWidth: 760 }}
          initialValues={{ method: r.sharingMethods[0] }}
          onFinish={(values) => setPreview(toApplication(values))}
        >
          <Form.Item
            label="申请的数据项"
            name="dataItems"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个数据项' }]}
          >
            <ItemChecklist options={r.dataItems.map((item) => ({ value: item.name, label: item.name }))} />
          </Form.Item>
          <Form.Item label="申请用途" name="purpose" rules={[{ required: true, message: '请选择申请用途' }]}>
            <Select
              style={{ maxWidth: 280 }}
              options={Object.entries(PURPOSE).map(([value, label]) => ({ value, label }))}
              placeholder="请选择"
            />
          </Form.Item>
          <Form.Item
            label="用途说明"
            name="purposeDetail"
            rules={[{ required: true, whitespace: true, message: '请说明数据的具体用途' }]}
          >
            <Input.TextArea
              rows={3}
              maxLength={4000}
              showCount
              placeholder="说明办理哪项业务需要这些数据、依据什么"
            />
          </Form.Item>
          <Form.Item
            label="使用范围"
            name="scope"
            rules={[{ required: true, whitespace: true, message: '请填写使用范围' }]}
          >
            <Input maxLength={2000} placeholder="如：本部门社会救助审核科室内部使用" />
          </Form.Item>
          <Form.Item label="共享方式" name="method" rules={[{ required: true, message: '请选择共享方式' }]}>
            <Select
              style={{ maxWidth: 240 }}
              options={r.sharingMethods.map((value) => ({ value, label: method(value) }))}
            />
          </Form.Item>
          <Form.Item label="使用期限至（选填）" name="validUntil" extra="不填写则长期有效，至授权撤销为止。">
            <DatePicker disabledDate={(day) => day.isBefore(dayjs(), 'day')} style={{ width: 200 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              预览申请表
            </Button>
            <Button onClick={() => void navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Panel>
      <Modal
        open={Boolean(preview)}
        title="共享申请表（预览）"
        width={720}
        okText="确认提交"
        cancelText="返回修改"
        confirmLoading={apply.isPending}
        onOk={send}
        onCancel={() => setPreview(undefined)}
      >
        {preview && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="申请部门">{departmentName(me.departmentId)}</Descriptions.Item>
            <Descriptions.Item label="提供部门">{departmentName(r.providerDepartmentId)}</Descriptions.Item>
            <Descriptions.Item label="申请资源">
              {r.name}（{r.identifier}）
            </Descriptions.Item>
            <Descriptions.Item label="数据项">{preview.dataItems.join('、')}</Descriptions.Item>
            <Descriptions.Item label="申请用途">{purpose(preview.purpose)}</Descriptions.Item>
            <Descriptions.Item label="用途说明">{preview.purposeDetail}</Descriptions.Item>
            <Descriptions.Item label="使用范围">{preview.scope}</Descriptions.Item>
            <Descriptions.Item label="共享方式">{method(preview.method)}</Descriptions.Item>
            <Descriptions.Item label="使用期限至">
              {preview.validUntil ? formatDate(preview.validUntil) : '长期'}
            </Descriptions.Item>
            <Descriptions.Item label="经办人">{me.displayName}</Descriptions.Item>
          </Descriptions>
        )}
      </Modal>
    </div>
  );
}
