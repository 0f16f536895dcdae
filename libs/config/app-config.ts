import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const optionalPath = z
  .string()
  .optional()
  .transform((value) => (value ? value : undefined));

/** Every environment variable the API and the worker read. `.env.example` documents each one. */
function cronSetting(fallback: string) {
  return z
    .string()
    .trim()
    .regex(/^\S+( \S+){4}$/, 'a five-field cron expression, e.g. "0 2 * * *"')
    .default(fallback);
}

function intervalSetting() {
  return z
    .string()
    .trim()
    .regex(/^[1-9]\d*(s|m|h|d)$/, 'an interval such as "30s", "15m", "6h" or "1d"')
    .or(z.literal(''))
    .optional()
    .transform((value) => value || undefined);
}

function scheduleTiming(cron: string, every?: string): { every: string } | { cron: string } {
  return every ? { every } : { cron };
}

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(30),
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),

  DATABASE_URL: z.string().min(1).default('postgresql://postgres@127.0.0.1:5432/govshare'),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().min(1).default('govshare'),

  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('govshare'),
  TEMPORAL_TLS_CERT_PATH: optionalPath,
  TEMPORAL_TLS_KEY_PATH: optionalPath,
  TEMPORAL_TLS_CA_PATH: optionalPath,
  TEMPORAL_TLS_SERVER_NAME: optionalPath,
  TEMPORAL_API_KEY: optionalPath,
  WORKFLOW_BUNDLE_PATH: optionalPath,

  JWT_SECRET: z.string().min(16).default('dev-only-secret-change-me-in-production'),
  JWT_TTL_SECONDS: z.coerce.number().int().positive().default(8 * 3600),
  ADMIN_PASSWORD: z.string().min(8).default('admin-change-me'),

  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: z.coerce.number().int().positive().default(1025),
  SMTP_SECURE: booleanFlag.default(false),
  SMTP_USER: optionalPath,
  SMTP_PASSWORD: optionalPath,
  SMTP_FROM: z.string().min(3).default('政务信息资源共享平台 <noreply@govshare.local>'),

  OUTBOX_SWEEP_SECONDS: z.coerce.number().int().positive().default(15),

  // Recurring processes (Temporal Schedules): a cron expression in Asia/Shanghai time, or a fixed interval
  // that takes precedence when set.
  UPDATE_CHECK_CRON: cronSetting('0 2 * * *'),
  UPDATE_CHECK_EVERY: intervalSetting(),
  MONTHLY_REPORTS_CRON: cronSetting('0 1 1 * *'),
  CONTACTS_CAMPAIGN_CRON: cronSetting('0 8 2 1 *'),
  CALENDAR_IMPORT_CRON: cronSetting('0 9 1 11 *'),
  BULLETIN_CRON: cronSetting('0 9 1 * *'),
  BULLETIN_EVERY: intervalSetting(),
});

export type AppConfig = ReturnType<typeof parseConfig>;

export class InvalidConfigurationError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv) {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new InvalidConfigurationError(`Invalid environment:\n${problems.join('\n')}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && c.JWT_SECRET === environmentSchema.shape.JWT_SECRET.parse(undefined)) {
    throw new InvalidConfigurationError('JWT_SECRET must be set in production');
  }
  if (Boolean(c.TEMPORAL_TLS_CERT_PATH) !== Boolean(c.TEMPORAL_TLS_KEY_PATH)) {
    throw new InvalidConfigurationError('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together');
  }
  return {
    env: c.NODE_ENV,
    logLevel: c.LOG_LEVEL,
    api: { port: c.API_PORT, publicBaseUrl: c.PUBLIC_BASE_URL.replace(/\/$/, ''), requestTimeoutSeconds: c.REQUEST_TIMEOUT_SECONDS },
    database: { url: c.DATABASE_URL, poolMax: c.DATABASE_POOL_MAX },
    redis: { url: c.REDIS_URL, queuePrefix: c.QUEUE_PREFIX },
    temporal: {
      address: c.TEMPORAL_ADDRESS,
      namespace: c.TEMPORAL_NAMESPACE,
      taskQueue: c.TEMPORAL_TASK_QUEUE,
      tls: c.TEMPORAL_TLS_CERT_PATH
        ? {
            certPath: c.TEMPORAL_TLS_CERT_PATH,
            keyPath: c.TEMPORAL_TLS_KEY_PATH!,
            caPath: c.TEMPORAL_TLS_CA_PATH,
            serverName: c.TEMPORAL_TLS_SERVER_NAME,
          }
        : undefined,
      apiKey: c.TEMPORAL_API_KEY,
      workflowBundlePath: c.WORKFLOW_BUNDLE_PATH,
    },
    auth: { jwtSecret: c.JWT_SECRET, jwtTtlSeconds: c.JWT_TTL_SECONDS, adminPassword: c.ADMIN_PASSWORD },
    smtp: {
      host: c.SMTP_HOST,
      port: c.SMTP_PORT,
      secure: c.SMTP_SECURE,
      user: c.SMTP_USER,
      password: c.SMTP_PASSWORD,
      from: c.SMTP_FROM,
    },
    outbox: { sweepSeconds: c.OUTBOX_SWEEP_SECONDS },
    schedules: {
      updateCheck: scheduleTiming(c.UPDATE_CHECK_CRON, c.UPDATE_CHECK_EVERY),
      monthlyReports: scheduleTiming(c.MONTHLY_REPORTS_CRON),
      contactsCampaign: scheduleTiming(c.CONTACTS_CAMPAIGN_CRON),
      calendarImport: scheduleTiming(c.CALENDAR_IMPORT_CRON),
      bulletin: scheduleTiming(c.BULLETIN_CRON, c.BULLETIN_EVERY),
    },
  };
}

let loaded: AppConfig | undefined;

/** Parsed once per process; every other module receives the result, none reads process.env. */
export function loadConfig(): AppConfig {
  loaded ??= parseConfig(process.env);
  return loaded;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
