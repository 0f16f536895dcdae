/**
 * Imports a year's official holiday arrangement from a file, as POST /calendar/years/:year/arrangement does:
 *
 *   npm run calendar:import -- FILE [--year 2027] [--reference 国办发明电〔2026〕7号] [--title …] [--user admin]
 *
 * FILE is .json ({reference, title?, holidays: [{name, from, to}], workdays: [{name, date}]}) or .ics (all-day
 * events, `SUMMARY:春节(休)` for holidays and `SUMMARY:春节(班)` for adjusted working days). The year defaults to
 * that of the first holiday. The import is made in the name of --user (an info office member or admin), filed,
 * and recomputes the open deadlines it moves, exactly as through the API.
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseIcsArrangement, parseJsonArrangement } from '../libs/calendar/arrangement.js';
import { CalendarChangesModule } from '../libs/calendar-changes/calendar-changes.module.js';
import { ImportHolidayArrangement } from '../libs/calendar-changes/import-arrangement.usecase.js';
import { ConfigModule } from '../libs/config/config.module.js';
import { DatabaseModule } from '../libs/database/database.module.js';
import { User } from '../libs/database/entities/index.js';
import { DomainError } from '../libs/domain/errors.js';
import { QueueModule } from '../libs/queue/queue.module.js';

@Module({ imports: [ConfigModule, DatabaseModule, QueueModule, CalendarChangesModule] })
class CalendarImportCliModule {}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { year: { type: 'string' }, reference: { type: 'string' }, title: { type: 'string' }, user: { type: 'string', default: 'admin' } },
  });
  const [file] = positionals;
  if (!file) throw new Error('usage: npm run calendar:import -- FILE [--year YYYY] [--reference 文号] [--title …] [--user admin]');
  const text = await readFile(file, 'utf8');
  const fields = { ...(values.reference ? { reference: values.reference } : {}), ...(values.title ? { title: values.title } : {}) };
  const arrangement = /\.ics$/i.test(file) ? parseIcsArrangement(text, fields) : parseJsonArrangement({ ...(JSON.parse(text) as object), ...fields });
  const year = Number(values.year ?? arrangement.holidays[0].from.slice(0, 4));

  const app = await NestFactory.createApplicationContext(CalendarImportCliModule, { logger: ['error', 'warn'] });
  try {
    const orm = app.get(MikroORM);
    const user = await orm.em.fork().findOne(User, { username: values.user, active: true });
    if (!user) throw new Error(`no active user '${values.user}'`);
    const { id, username, displayName, departmentId, roles } = user;
    // One unit of work for the command, as the API has one per request.
    const result = await RequestContext.create(orm.em, () =>
      app.get(ImportHolidayArrangement).execute({ id, username, displayName, departmentId, roles }, year, arrangement, /\.ics$/i.test(file) ? 'ics' : 'json'),
    );
    const { recomputedTasks, ...summary } = result;
    console.log(JSON.stringify({ ...summary, recomputedTasks: recomputedTasks?.length ?? 0 }, null, 2));
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof DomainError) {
    console.error(`${error.status} ${error.message}`);
    for (const problem of error.errors ?? []) console.error(`  ${problem.field}: ${problem.message}`);
  } else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
