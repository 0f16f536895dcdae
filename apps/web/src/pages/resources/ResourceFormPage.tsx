import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useResource, useSaveResource } from '../../api/hooks/catalog';
import type { OwnResource, ResourceDeclaration } from '../../api/interim-types';
import { Panel } from '../../components/Panel';
import { PageError, PageLoading, ProblemAlert } from '../../layout/states';
import { CATALOG, DATA_TYPE, FREQUENCY, METHOD, OPEN_SCOPE, SHARING_TYPE } from '../../lib/labels';

const options = (table: Record<string, string>) =>
  Object.entries(table).map(([value, label]) => ({ value, label }));

const BLANK: Partial<ResourceDeclaration> = {
  catalog: 'base',
  sharingType: 'conditional',
  sharingMethods: ['api'],
  openScope: 'internal',
  updateFrequency: 'monthly',
  confidential: false,
  dataItems: [{ name: '', description: '', dataType: 'string', openScope: 'internal' }],
};

/** The declaration the form edits: the pending change where there is one (a draft, a returned or revised version). */
function declarationOf(resource: OwnResource): ResourceDeclaration {
  const {
    name,
    abstract,
    catalog,
    classification,
    sharingType,
    notShareableBasis,
    sharingMethods,
    openScope,
    updateFrequency,
    confidential,
    dataItems,
  } = resource.pendingChange?.metadata ?? resource;
  return {
    name,
    abstract,
    catalog,
    classification,
    sharingType,
    notShareableBasis,
    sharingMethods,
    openScope,
    updateFrequency,
    confidential,
    dataItems,
  };
}

/** 登记资源 / 修改资源: the GB/T 21063 metadata and the sharing attributes, with the data items as an editable table. */
export default function ResourceFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const existing = useResource(id);
  const save = useSaveResource(id);
  const [form] = Form.useForm<ResourceDeclaration>();
  const sharing = Form.useWatch('sharingType', form);

  if (id && existing.isPending) return <PageLoading />;
  if (id && existing.isError)
    return <PageError error={existing.error} onRetry={() => void existing.refetch()} />;
  const initial = existing.data ? declarationOf(existing.data as OwnResource) : BLANK;

  const submit = (values: ResourceDeclaration) =>
    save.mutate(
      {
        ...values,
        notShareableBasis: values.sharingType === 'not_shareable' ? values.notShareableBasis : undefined,
      },
      { onSuccess: (resource) => void navigate(`/catalog/resources/${resource.id}`) },
    );

  return (
    <div className="page">
      <Typography.Title level={2} className="page-title" style={{ fontSize: 22 }}>
        {id ? `修改资源：${existing.data?.name ?? ''}` : '登记资源'}
      </Typography.Title>
      {id && existing.data?.status === 'published' && (
        <Typography.Paragraph type="secondary">
          已发布的资源修改后形成新版本，审核通过前目录中仍显示当前版本。
        </Typography.Paragraph>
      )}
      <ProblemAlert error={save.error} title="未能保存" />
      <Form<ResourceDeclaration> form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Panel title="基本信息" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={16}>
              <Form.Item
                label="信息资源名称"
                name="name"
                rules={[{ required: true, whitespace: true, message: '请填写资源名称' }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="信息资源分类"
                name="classification"
                rules={[{ required: true, whitespace: true, message: '请填写分类' }]}
              >
                <Input maxLength={100} placeholder="如：人口/基本信息" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                label="信息资源摘要"
                name="abstract"
                rules={[{ required: true, whitespace: true, message: '请填写摘要' }]}
              >
                <Input.TextArea rows={3} maxLength={4000} showCount />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label="所属目录" name="catalog" rules={[{ required: true }]}>
                <Select options={options(CATALOG)} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label="共享类型" name="sharingType" rules={[{ required: true }]}>
                <Select options={options(SHARING_TYPE)} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label="开放属性" name="openScope" rules={[{ required: true }]}>
                <Select options={options(OPEN_SCOPE)} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label="更新周期" name="updateFrequency" rules={[{ required: true }]}>
                <Select options={options(FREQUENCY)} />
              </Form.Item>
            </Col>
            {sharing === 'not_shareable' && (
              <Col span={24}>
                <Form.Item
                  label="不予共享依据"
                  name="notShareableBasis"
                  rules={[{ required: true, whitespace: true, message: '不予共享须写明法律法规或政策依据' }]}
                >
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={12}>
              <Form.Item label="共享方式" name="sharingMethods">
                <Checkbox.Group options={options(METHOD)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="是否涉密"
                name="confidential"
                extra="涉密资源共享前须签署保密协议并报保密局备案。"
              >
                <Radio.Group
                  options={[
                    { value: false, label: '不涉密' },
                    { value: true, label: '涉密' },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
        </Panel>
        <Panel title="数据项" style={{ marginBottom: 16 }}>
          <Form.List
            name="dataItems"
            rules={[
              {
                validator: async (_, items) =>
                  items?.length ? undefined : Promise.reject(new Error('至少登记一个数据项')),
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Row
                    key={field.key}
                    gutter={8}
                    align="top"
                    style={{ borderBottom: '1px solid #f0f0f0', paddingTop: 8 }}
                  >
                    <Col xs={24} sm={12} md={5}>
                      <Form.Item
                        label={`字段名称 ${index + 1}`}
                        name={[field.name, 'name']}
                        rules={[{ required: true, whitespace: true, message: '请填写字段名称' }]}
                      >
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} md={7}>
                      <Form.Item label="字段描述" name={[field.name, 'description']}>
                        <Input maxLength={500} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item
                        label="数据类型"
                        name={[field.name, 'dataType']}
                        rules={[{ required: true }]}
                      >
                        <Select options={options(DATA_TYPE)} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={3}>
                      <Form.Item label="长度" name={[field.name, 'length']}>
                        <InputNumber min={1} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={18} md={4}>
                      <Form.Item
                        label="开放属性"
                        name={[field.name, 'openScope']}
                        rules={[{ required: true }]}
                      >
                        <Select options={options(OPEN_SCOPE)} />
                      </Form.Item>
                    </Col>
                    <Col xs={6} md={1} style={{ paddingTop: 30 }}>
                      <Button
                        aria-label={`删除数据项 ${index + 1}`}
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        disabled={fields.length === 1}
                      />
                    </Col>
                  </Row>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({ name: '', description: '', dataType: 'string', openScope: 'internal' })
                  }
                  style={{ marginTop: 12 }}
                >
                  添加数据项
                </Button>
              </>
            )}
          </Form.List>
        </Panel>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
          <Button onClick={() => void navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </div>
  );
}
