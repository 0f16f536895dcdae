import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, ROOT, startProcess, waitFor, waitForLogLine, writeEnvironment } from './environment.ts';

/**
 * Brings up the system under test on the real services: a database of its own, a Temporal task
 * queue and BullMQ prefix of its own, the API, the worker and an SMTP sink as separate processes.
 * The infrastructure itself (PostgreSQL, Redis, Temporal dev server) is ensured by scripts/infra.sh.
 */
const LEAP_DAY_ONLY = '0 0 29 2 *';

export default async function globalSetup() {
  execFileSync('bash', [join(ROOT, 'scripts/infra.sh'), 'up'], { stdio: 'inherit' });
  statSync(join(ROOT, 'dist/apps/api/src/main.js')); // built by scripts/test.sh (npm run build)

  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/govshare_e2e_${runId}`;
  await startSystem(runId, { DATABASE_URL: databaseUrl, TEMPORAL_TASK_QUEUE: `govshare-e2e-${runId}`, QUEUE_PREFIX: `govshare-e2e-${runId}` });
}

/**
 * Creates and seeds the run's database, starts the mail sink, the worker and the API with the run's
 * settings (`overrides` name the database, task queue, queue prefix and any other service address),
 * records them with writeEnvironment and waits until all three answer. Shared with test/chaos.
 */
export async function startSystem(runId: string, overrides: Record<string, string>, extra: Record<string, unknown> = {}) {
  const logDir = join(ROOT, '.data', 'test-logs', runId);
  mkdirSync(logDir, { recursive: true });
  const [apiPort, smtpPort, mailHttpPort] = [await freePort(), await freePort(), await freePort()];
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    API_PORT: String(apiPort),
    PUBLIC_BASE_URL: `http://127.0.0.1:${apiPort}`,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    MAIL_SINK_SMTP_PORT: String(smtpPort),
    MAIL_SINK_HTTP_PORT: String(mailHttpPort),
    OUTBOX_SWEEP_SECONDS: '2',
    // The run's own update-compliance schedule fires often enough for a suite to see it act by itself.
    UPDATE_CHECK_EVERY: '5s',
    // The calendar-driven schedules fire only when a suite triggers them (29 February: not within a run).
    MONTHLY_REPORTS_CRON: LEAP_DAY_ONLY,
    BULLETIN_CRON: LEAP_DAY_ONLY,
    CONTACTS_CAMPAIGN_CRON: LEAP_DAY_ONLY,
    CALENDAR_IMPORT_CRON: LEAP_DAY_ONLY,
    ADMIN_PASSWORD: 'e2e-admin-password',
    // The suites stand behind the loopback as behind a load balancer: X-Forwarded-For names the client address
    // login throttling counts, so a suite can play several clients.
    TRUST_PROXY: 'loopback',
    ...overrides,
  };
  const databaseUrl = env.DATABASE_URL!;

  const db = (command: string) =>
    execFileSync(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'dist/scripts/db.js'), command], {
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
  db('setup');
  db('seed-demo');

  const mailSink = startProcess('scripts/mail-sink.js', env, join(logDir, 'mail-sink.log'));
  const worker = startProcess('apps/worker/src/main.js', env, join(logDir, 'worker.log'));
  const api = startProcess('apps/api/src/main.js', env, join(logDir, 'api.log'));
  await writeEnvironment({
    runId,
    apiUrl: `http://127.0.0.1:${apiPort}/api/v1`,
    mailSinkUrl: `http://127.0.0.1:${mailHttpPort}`,
    databaseUrl,
    env,
    pids: { api, worker, mailSink },
    logDir,
    ...extra,
  });

  await waitForLogLine(join(logDir, 'worker.log'), 'worker ready', 0);
  await waitFor('the API to report healthy', async () => (await fetch(`http://127.0.0.1:${apiPort}/api/v1/health`)).ok, {
    timeoutMs: 60_000,
  });
  await waitFor('the mail sink', async () => (await fetch(`http://127.0.0.1:${mailHttpPort}/messages`)).ok);
}
