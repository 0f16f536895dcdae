import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const optionalPath = z
  .string()
  .optional()
  .transform((value) => (value ? value : undefined));

/** The development defaults `.env.example` publishes: anyone can sign tokens or log in with them. */
const DEVELOPMENT_JWT_SECRET = 'dev-only-secret-change-me-in-production';
const DEVELOPMENT_ADMIN_PASSWORD = 'admin-change-me';
const KNOWN_JWT_SECRETS = new Set([DEVELOPMENT_JWT_SECRET, 'secret', 'changeme', 'change-me']);
const MIN_PRODUCTION_SECRET_BYTES = 32;

/**
 * Why a production secret is unfit to sign tokens, or undefined when it will do: a published default, fewer
 * than 32 bytes, or too few distinct characters to hold 32 random bytes (a repeated or counted string).
 */
export function weakSecretReason(secret: string): string | undefined {
  if (KNOWN_JWT_SECRETS.has(secret)) return 'is a published default';
  if (Buffer.byteLength(secret, 'utf8') < MIN_PRODUCTION_SECRET_BYTES) return `is shorter than ${MIN_PRODUCTION_SECRET_BYTES} bytes`;
  // Ten, not sixteen: 32 random bytes written in hex (16 possible characters) show fewer than 16 one time in four.
  if (new Set(secret).size < 10) return 'has too few distinct characters to be random (use e.g. `openssl rand -base64 48`)';
  return undefined;
}

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

  JWT_SECRET: z.string().min(16).default(DEVELOPMENT_JWT_SECRET),
  JWT_TTL_SECONDS: z.coerce.number().int().positive().max(7 * 24 * 3600).default(8 * 3600),
  ADMIN_PASSWORD: z.string().min(8).default(DEVELOPMENT_ADMIN_PASSWORD),
  // Behind a load balancer: Express's `trust proxy` setting (e.g. "loopback" or "10.0.0.0/8"), so the client
  // address that login throttling counts is the one the proxy saw. Empty: the socket's address.
  TRUST_PROXY: optionalPath,
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(30),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().positive().default(15 * 60),

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
  CAMPAIGN_PRESETS_CRON: cronSetting('30 8 2 1 *'),
  /**
   * The filing-campaign presets opened every year by the schedule, comma-separated (none by default). Checked
   * against the presets when the worker boots (this file imports nothing of the domain: the test hooks load it alone).
   */
  CAMPAIGN_PRESETS_YEARLY: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((key) => key.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'preset keys such as database-survey,key-projects'))),
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
  if (c.NODE_ENV === 'production') {
    const weakness = weakSecretReason(c.JWT_SECRET);
    if (weakness) throw new InvalidConfigurationError(`JWT_SECRET ${weakness}: production needs at least 32 random bytes`);
    if (c.ADMIN_PASSWORD === DEVELOPMENT_ADMIN_PASSWORD) {
      throw new InvalidConfigurationError('ADMIN_PASSWORD must be set in production: the default is published');
    }
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
    auth: {
      jwtSecret: c.JWT_SECRET,
      jwtTtlSeconds: c.JWT_TTL_SECONDS,
      adminPassword: c.ADMIN_PASSWORD,
      trustProxy: c.TRUST_PROXY,
      loginThrottle: {
        maxFailuresPerAccount: c.LOGIN_MAX_FAILURES_PER_ACCOUNT,
        maxFailuresPerAddress: c.LOGIN_MAX_FAILURES_PER_ADDRESS,
        windowSeconds: c.LOGIN_FAILURE_WINDOW_SECONDS,
        lockoutSeconds: c.LOGIN_LOCKOUT_SECONDS,
      },
    },
    smtp: {
      host: c.SMTP_HOST,
      port: c.SMTP_PORT,
      secure: c.SMTP_SECURE,
      user: c.SMTP_USER,
      password: c.SMTP_PASSWORD,
      from: c.SMTP_FROM,
    },
    outbox: { sweepSeconds: c.OUTBOX_SWEEP_SECONDS },
    campaigns: { yearlyPresets: c.CAMPAIGN_PRESETS_YEARLY },
    schedules: {
      updateCheck: scheduleTiming(c.UPDATE_CHECK_CRON, c.UPDATE_CHECK_EVERY),
      monthlyReports: scheduleTiming(c.MONTHLY_REPORTS_CRON),
      contactsCampaign: scheduleTiming(c.CONTACTS_CAMPAIGN_CRON),
      campaignPresets: scheduleTiming(c.CAMPAIGN_PRESETS_CRON),
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
