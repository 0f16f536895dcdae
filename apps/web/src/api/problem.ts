/** An RFC 9457 problem the API answered, with the message a person reads (in Chinese). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly detail: string,
    readonly errors: { field: string; message: string }[] = [],
  ) {
    super(chineseMessage(status, type));
  }
}

/** By problem type first (the contract makes them stable per kind), else by status. */
const BY_TYPE: Record<string, string> = {};
const BY_STATUS: Record<number, string> = {
  400: '提交的内容不符合要求，请检查后重试。',
  401: '登录已过期，请重新登录。',
  403: '您没有权限进行此操作。',
  404: '未找到该内容，或您无权查看。',
  406: '无法以所请求的格式提供该文件。',
  409: '该事项的状态已经改变（可能已由他人处理），请刷新后查看。',
  413: '上传的文件过大。',
  422: '该操作不符合业务规则。',
  429: '操作过于频繁，请稍后再试。',
  500: '系统出现错误，请稍后再试。',
  503: '系统暂时不可用，请稍后再试。',
};

export function chineseMessage(status: number, type = ''): string {
  return BY_TYPE[type] ?? BY_STATUS[status] ?? (status >= 500 ? BY_STATUS[500]! : `请求失败（${status}）。`);
}

export function toProblem(status: number, body: unknown): ApiProblem {
  const problem = (typeof body === 'object' && body ? body : {}) as {
    type?: string;
    detail?: string;
    errors?: { field: string; message: string }[];
  };
  return new ApiProblem(
    status,
    problem.type ?? `urn:govshare:problem:${status}`,
    problem.detail ?? '',
    problem.errors ?? [],
  );
}

export function problemMessage(error: unknown): string {
  if (error instanceof ApiProblem) return error.message;
  if (error instanceof TypeError) return '无法连接到服务器，请检查网络后重试。';
  return '出现了意外错误，请稍后再试。';
}
