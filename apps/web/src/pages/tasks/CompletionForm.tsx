import { Alert, Button, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { ItemChecklist } from '../../components/ItemChecklist';
import { Link } from 'react-router';
import { ApiProblem } from '../../api/client';
import type { useCompleteTask } from '../../api/hooks/tasks';
import { useMe } from '../../api/hooks/auth';
import { useResources } from '../../api/hooks/catalog';
import type { SharingRequest, Task, TaskOutcome } from '../../api/interim-types';
import { ProblemText } from '../../layout/states';
import { METHOD, outcome as outcomeLabel, sharingStatus } from '../../lib/labels';
import { subjectPath } from '../../components/TaskTable';

interface OutcomeRule {
  label?: string;
  commentRequired?: boolean;
  payloadFields?: readonly string[];
  payloadNumbers?: readonly string[];
}

const FIELD_LABELS: Record<string, string> = {
  summary: '报告摘要',
  progress: '本月工作进展',
  problems: '存在问题',
  basicWork: '基础工作',
  coreBusiness: '核心业务',
  resourceManagement: '资源管理',
  applicationEffect: '应用成效',
  of: '重复的登记编号',
  points: '调整后得分',
};

/** Outcomes whose payload is new sharing terms: items, scope, method. */
const TERMS_OUTCOMES = new Set(['counter_offer', 'revise']);
/** Outcomes whose payload has a form of its own above (terms; the resource an "exists" answer names). */
const OWN_FORM_OUTCOMES = new Set([...TERMS_OUTCOMES, 'exists']);

/** The form an outcome needs, read from the task's published outcomes: its comment rule and its payload's fields. */
function rulesOf(outcomes: TaskOutcome[]): Record<string, OutcomeRule> {
  return Object.fromEntries(
    outcomes.map((o) => {
      const properties = Object.entries(OWN_FORM_OUTCOMES.has(o.outcome) ? {} : (o.payloadSchema?.properties ?? {}));
      return [
        o.outcome,
        {
          label: o.label,
          commentRequired: o.commentRequired,
          payloadFields: properties.filter(([, p]) => p.type === 'string').map(([field]) => field),
          payloadNumbers: properties.filter(([, p]) => p.type === 'number' || p.type === 'integer').map(([field]) => field),
        },
      ];
    }),
  );
}

interface Values {
  outcome: string;
  comment?: string;
  dataItems?: string[];
  scope?: string;
  method?: string;
  [field: string]: unknown;
}

/**
 * The completion form, built from the task kind's outcomes: the comment is required where the outcome requires
 * one (the reasons of a refusal); a counter-offer or revision picks items, scope and method; the other payloads
 * give their named fields.
 */
export function CompletionForm({
  task,
  request,
  resourceItems,
  complete,
}: {
  task: Task;
  request?: SharingRequest;
  resourceItems?: string[];
  /** Owned by the page: the answer must outlive this form (the task shows as done as soon as it is closed). */
  complete: ReturnType<typeof useCompleteTask>;
}) {
  const outcomes = rulesOf(task.outcomes ?? []);
  const [form] = Form.useForm<Values>();
  const chosen = Form.useWatch('outcome', form);
  const me = useMe().data!;
  // A demand answered "exists" names one of my department's published resources.
  const ownResources = useResources(
    { providerDepartmentId: me.departmentId, status: 'published', limit: 200 },
    task.kind === 'demand_response',
  );
  const rule: OutcomeRule = (chosen && outcomes[chosen]) || {};
  const itemChoices =
    task.kind === 'provider_review'
      ? (request?.dataItems ?? [])
      : (resourceItems ?? request?.dataItems ?? []);
  const submit = (values: Values) => {
    const payload: Record<string, unknown> = {};
    if (TERMS_OUTCOMES.has(values.outcome)) {
      if (values.dataItems?.length) payload.dataItems = values.dataItems;
      if (values.scope?.trim()) payload.scope = values.scope.trim();
      if (values.method) payload.method = values.method;
    }
    if (values.outcome === 'exists') payload.resourceId = values.resourceId;
    for (const field of rule.payloadFields ?? []) payload[field] = values[field];
    for (const field of rule.payloadNumbers ?? []) payload[field] = values[field];
    complete.mutate({
      outcome: values.outcome,
      comment: values.comment?.trim() || undefined,
      payload: Object.keys(payload).length ? payload : undefined,
    });
  };

  const conflict = complete.error instanceof ApiProblem && complete.error.status === 409;
  if (conflict) {
    // Nothing more to do here: the answer that counts was someone else's.
    const path = subjectPath(task);
    return (
      <Alert
        type="warning"
        showIcon
        title="该待办已由他人处理或已结束"
        description={
          <Space orientation="vertical">
            <span>此事项已不在待处理状态，您的处理未被记录。</span>
            {path && <Link to={path}>查看办理进展</Link>}
          </Space>
        }
      />
    );
  }
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        // A kind with one outcome (签署, 提交) has it chosen already.
        outcome: Object.keys(outcomes).length === 1 ? Object.keys(outcomes)[0] : undefined,
        dataItems: request?.dataItems,
        scope: request?.scope,
        method: request?.method,
      }}
      style={{ maxWidth: 720 }}
    >
      {complete.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="提交未成功"
          description={<ProblemText error={complete.error} />}
        />
      ) : null}
      <Form.Item label="处理结果" name="outcome" rules={[{ required: true, message: '请选择处理结果' }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={Object.entries(outcomes).map(([value, rule]) => ({ value, label: rule.label ?? outcomeLabel(value) }))}
        />
      </Form.Item>

      {chosen && TERMS_OUTCOMES.has(chosen) && (
        <>
          <Form.Item
            label={chosen === 'counter_offer' ? '可提供的数据项' : '申请的数据项'}
            name="dataItems"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个数据项' }]}
            extra={chosen === 'counter_offer' ? '协商方案只能在申请的数据项范围内缩小。' : undefined}
          >
            <ItemChecklist options={itemChoices.map((item) => ({ value: item, label: item }))} />
          </Form.Item>
          <Form.Item
            label="使用范围"
            name="scope"
            rules={[{ required: true, whitespace: true, message: '请填写使用范围' }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item label="共享方式" name="method" rules={[{ required: true, message: '请选择共享方式' }]}>
            <Select
              style={{ maxWidth: 240 }}
              options={Object.entries(METHOD).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        </>
      )}

      {chosen === 'exists' && (
        <Form.Item
          label="已有的资源"
          name="resourceId"
          rules={[{ required: true, message: '请选择本部门已发布的资源' }]}
          extra="答复“已有资源”须指明本部门已发布的目录资源。"
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={ownResources.isPending}
            options={ownResources.data?.items.map((resource) => ({
              value: resource.id,
              label: `${resource.name}（${resource.identifier}）`,
            }))}
          />
        </Form.Item>
      )}

      {(rule.payloadFields ?? []).map((field) => (
        <Form.Item
          key={field}
          label={FIELD_LABELS[field] ?? field}
          name={field}
          rules={[{ required: true, whitespace: true, message: `请填写${FIELD_LABELS[field] ?? field}` }]}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      ))}
      {(rule.payloadNumbers ?? []).map((field) => (
        <Form.Item
          key={field}
          label={FIELD_LABELS[field] ?? field}
          name={field}
          rules={[{ required: true, message: `请填写${FIELD_LABELS[field] ?? field}` }]}
        >
          <InputNumber min={0} style={{ width: 160 }} />
        </Form.Item>
      ))}

      <Form.Item
        label={rule.commentRequired ? '理由' : '意见（选填）'}
        name="comment"
        rules={
          rule.commentRequired ? [{ required: true, whitespace: true, message: '此处理结果须说明理由' }] : []
        }
      >
        <Input.TextArea rows={3} maxLength={5000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={complete.isPending}>
        提交处理结果
      </Button>
    </Form>
  );
}

/** What completing changed: the subject's new state as the API answered it, and the way to its page. */
export function CompletionResult({ task, state }: { task: Task; state: Record<string, unknown> }) {
  const status = typeof state.status === 'string' ? state.status : undefined;
  const path = subjectPath(task);
  return (
    <Alert
      type="success"
      showIcon
      title="已办结"
      description={
        <Space orientation="vertical">
          <span>
            {status && task.subjectType === 'sharing_request'
              ? `申请状态：${sharingStatus(status)}`
              : '处理结果已提交。'}
          </span>
          {path && <Link to={path}>查看办理进展</Link>}
        </Space>
      }
    />
  );
}
