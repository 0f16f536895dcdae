import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  freePort,
  isAlive,
  readEnvironment,
  ROOT,
  waitFor,
  writeEnvironment,
  type E2eEnvironment,
} from '../support/environment.ts';

/**
 * The chaos suite's own PostgreSQL cluster, Redis and Temporal dev server: separate processes on free
 * ports with their state in a temporary folder, so that the suite can kill and restart them. The
 * machine's shared instances (5432, 6379, 7233) are never touched: every command here names the
 * suite's own data directory, port or pid.
 */
export interface ChaosInfrastructure {
  dir: string;
  postgres: { port: number; dataDir: string; bin: string };
  redis: { port: number; pid: number };
  temporal: { port: number; httpPort: number; metricsPort: number; dbFile: string; bin: string; pid: number };
}

export type ChaosEnvironment = E2eEnvironment & { chaos: ChaosInfrastructure };

export async function readChaosEnvironment(): Promise<ChaosEnvironment> {
  return (await readEnvironment()) as ChaosEnvironment;
}

// Saves one after another: two restarts finishing together would otherwise interleave their writes to one file.
let saving: Promise<void> = Promise.resolve();
export function saveChaosEnvironment(environment: ChaosEnvironment): Promise<void> {
  saving = saving.catch(() => undefined).then(() => writeEnvironment(environment));
  return saving;
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? execFileSync('ls', [root], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const found = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  if (!found)
    throw new Error('initdb not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)');
  return found;
}

function temporalBin(): string {
  return execFileSync('bash', [join(ROOT, 'scripts/infra.sh'), 'temporal-bin'], { encoding: 'utf8' }).trim();
}

/** PostgreSQL refuses to run as root: as root, its commands run as the postgres system user. */
function asPostgres(command: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

export async function createInfrastructure(dir: string): Promise<ChaosInfrastructure> {
  const bin = postgresBin();
  const dataDir = join(dir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
    chownSync(dataDir, uid, gid);
  }
  asPostgres(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  const infrastructure: ChaosInfrastructure = {
    dir,
    postgres: { port: await freePort(), dataDir, bin },
    redis: { port: await freePort(), pid: 0 },
    temporal: {
      port: await freePort(),
      httpPort: await freePort(),
      metricsPort: await freePort(),
      dbFile: join(dir, 'temporal.db'),
      bin: temporalBin(),
      pid: 0,
    },
  };
  try {
    await startPostgres(infrastructure);
    await startRedis(infrastructure);
    await startTemporal(infrastructure);
  } catch (error) {
    await stopInfrastructure(infrastructure);
    throw error;
  }
  return infrastructure;
}

/** Stops the suite's own PostgreSQL, Redis and Temporal server and removes their folder (CHAOS_KEEP=1 keeps it). */
export async function stopInfrastructure(infra: ChaosInfrastructure) {
  await killProcess(infra.temporal.pid);
  await killProcess(infra.redis.pid);
  if (postgresRunning(infra)) stopPostgres(infra);
  if (!process.env.CHAOS_KEEP) rmSync(infra.dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- PostgreSQL

export async function startPostgres(infra: ChaosInfrastructure) {
  const { bin, dataDir, port } = infra.postgres;
  // fsync off: a `stop -m immediate` is a crash of the server, not of the machine; the OS keeps the writes.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dataDir} -c fsync=off -c max_connections=200`;
  asPostgres(join(bin, 'pg_ctl'), [
    '-D',
    dataDir,
    '-l',
    join(dataDir, 'server.log'),
    '-o',
    options,
    '-w',
    '-t',
    '60',
    'start',
  ]);
}

/** A crash of the database server: no checkpoint, every connection cut at once. */
export function stopPostgres(infra: ChaosInfrastructure) {
  asPostgres(join(infra.postgres.bin, 'pg_ctl'), [
    '-D',
    infra.postgres.dataDir,
    '-m',
    'immediate',
    '-w',
    'stop',
  ]);
}

export function postgresRunning(infra: ChaosInfrastructure): boolean {
  const pidFile = join(infra.postgres.dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  return isAlive(Number(readFileSync(pidFile, 'utf8').split('\n')[0]));
}

// ---------------------------------------------------------------- Redis

function detached(file: string, args: string[], logFile: string): number {
  const log = openSync(logFile, 'a');
  const child = spawn(file, args, { stdio: ['ignore', log, log], detached: true });
  child.unref();
  return child.pid!;
}

export async function startRedis(infra: ChaosInfrastructure) {
  const { port } = infra.redis;
  // No persistence, like the platform's own Redis: a restart comes back empty.
  infra.redis.pid = detached(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', infra.dir],
    join(infra.dir, 'redis.log'),
  );
  await waitFor(`redis on ${port}`, () => {
    try {
      return (
        execFileSync('redis-cli', ['-p', String(port), 'ping'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim() === 'PONG'
      );
    } catch {
      return false;
    }
  });
}

export async function killRedis(infra: ChaosInfrastructure) {
  await killProcess(infra.redis.pid);
}

// ---------------------------------------------------------------- Temporal

export async function startTemporal(infra: ChaosInfrastructure) {
  const t = infra.temporal;
  t.pid = detached(
    t.bin,
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(t.port),
      '--http-port',
      String(t.httpPort),
      '--metrics-port',
      String(t.metricsPort),
      '--headless',
      '--db-filename',
      t.dbFile,
      '--log-level',
      'error',
    ],
    join(infra.dir, 'temporal.log'),
  );
  await waitFor(`temporal on ${t.port}`, () => temporalHealthy(infra), {
    timeoutMs: 90_000,
    intervalMs: 500,
  });
}

export function temporalHealthy(infra: ChaosInfrastructure): boolean {
  try {
    const out = execFileSync(
      infra.temporal.bin,
      ['operator', 'cluster', 'health', '--address', `127.0.0.1:${infra.temporal.port}`],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 5000,
      },
    );
    return out.includes('SERVING');
  } catch {
    return false;
  }
}

export async function killTemporal(infra: ChaosInfrastructure) {
  await killProcess(infra.temporal.pid);
}

// ---------------------------------------------------------------- common

/** SIGKILL of one pid the suite started, then waits for it to be gone. */
export async function killProcess(pid: number) {
  if (!pid || !isAlive(pid)) return;
  process.kill(pid, 'SIGKILL');
  await waitFor(`process ${pid} to die`, () => !isAlive(pid), { timeoutMs: 10_000, intervalMs: 50 });
}
