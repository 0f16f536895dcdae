import pg from 'pg';
import { adminPassword, createDepartmentWithPeople, environment, login, requestAcknowledgement, sql } from './support/harness.js';

interface FilingRow {
  seq: number;
  prevHash: string;
  hash: string;
  payload: Record<string, unknown>;
}

describe('the filing ledger', () => {
  it('chains every filing to the one before and detects a tampered row', async () => {
    const admin = await login('admin', adminPassword());
    const department = await createDepartmentWithPeople(admin, 'LEDGER');
    const staff = await department.staff();
    for (let i = 0; i < 3; i++) {
      const { taskId } = await requestAcknowledgement(admin, department.id);
      expect((await staff.post(`/tasks/${taskId}/complete`, { outcome: 'acknowledge' })).status).toBe(200);
    }

    // Every filing of the run, page by page (earlier suites have filed hundreds).
    const filings: FilingRow[] = [];
    for (;;) {
      const page = (await admin.get(`/filings?limit=200&offset=${filings.length}`)).body.items as FilingRow[];
      filings.push(...page);
      if (page.length < 200) break;
    }
    expect(filings.length).toBeGreaterThanOrEqual(3);
    filings.forEach((filing, index) => {
      expect(filing.seq).toBe(index + 1);
      expect(filing.prevHash).toBe(index === 0 ? '0'.repeat(64) : filings[index - 1]!.hash);
    });
    // Workflows of earlier suites may still file while this one reads: the ledger holds at least what was read.
    const verified = (await admin.get('/filings/verify')).body;
    expect(verified.ok).toBe(true);
    expect(verified.count).toBeGreaterThanOrEqual(filings.length);

    await expect(sql('update filing set payload = $1 where seq = $2', ['{}', 2])).rejects.toThrow(/append-only/);
    await expect(sql('delete from filing where seq = $1', [2])).rejects.toThrow(/append-only/);

    const victim = filings[1]!;
    await asSuperuserBypassingTriggers('update filing set payload = $1 where seq = $2', [{ ...victim.payload, outcome: 'decline' }, victim.seq]);
    try {
      expect((await admin.get('/filings/verify')).body).toEqual({ ok: false, count: 1, firstBrokenSeq: victim.seq });
    } finally {
      await asSuperuserBypassingTriggers('update filing set payload = $1 where seq = $2', [victim.payload, victim.seq]);
    }
    expect((await admin.get('/filings/verify')).body).toEqual({ ok: true, count: filings.length });
  });

  it('lets filing authorities verify, and nobody else', async () => {
    for (const username of ['xinxiban.staff', 'baomi.filer', 'kaohe.supervisor']) {
      expect((await (await login(username)).get('/filings/verify')).status).toBe(200);
    }
    expect((await (await login('minzheng.head')).get('/filings/verify')).status).toBe(403);
  });
});

/** What an attacker with database superuser rights could do: switch off the append-only trigger for one statement. */
async function asSuperuserBypassingTriggers(text: string, values: unknown[]) {
  const client = new pg.Client({ connectionString: environment.databaseUrl });
  await client.connect();
  try {
    await client.query("set session_replication_role = 'replica'");
    await client.query(text, values);
  } finally {
    await client.end();
  }
}
