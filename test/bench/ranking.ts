import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { test } from 'vitest';
import { type Database, openPglite, openPostgres } from '../../db/client';
import * as schema from '../../db/schema';
import { type Campaign, campaigns } from '../../db/schema';
import { rankResults, resultRows, type ResultRows } from '../../src/domain/scoring/results';
import { benchServerUrl, median, ms, noServerNote, percentile, print, printMachine, withThrowawayDatabase } from './figures';
import { keptResultRows } from './old/ranking-kept-rows';

/**
 * How long the coordinator's ranking takes for 2,000 entries × 3 submitted scores (goal: 50 ms,
 * issue 15), and how many queries it runs: the app's way (one query, read afresh every time), then
 * the way it was before issue 15 (rows kept under versions moved by migration 0009's triggers),
 * from a saved copy of that code and SQL (test/bench/old/), on the same data in the same run.
 * BENCH_RANKING_ENTRIES changes the number of entries. Prints figures; asserts nothing (machines differ).
 *
 * PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL names a server where a throwaway database
 * is created and dropped. PGlite (in memory) is measured too, for comparison.
 */
const entryCount = Number(process.env.BENCH_RANKING_ENTRIES) || 2_000;
const scorersPerEntry = 3;
const panelSize = 20;
const runs = 20;
const warmUp = 3;
const goalMs = 50;

test('ranking benchmark', async () => {
  printMachine();
  const url = benchServerUrl();
  if (url) await withThrowawayDatabase(url, benchPostgres);
  else print(`PostgreSQL: skipped. ${noServerNote}`);
  await benchPglite();
});

async function benchPostgres(url: string) {
  const migrated = await openPostgres(url, { max: 2 });
  const started = performance.now();
  const campaign = await seed(migrated.db);
  await migrated.db.execute(sql`analyze`);
  print(`PostgreSQL: inserted ${entryCount} entries × ${scorersPerEntry} submitted scores in ${ms(performance.now() - started)}`);
  await migrated.close();
  // A second connection pool whose logger counts the queries.
  let queries = 0;
  const client = postgres(url, { max: 4, onnotice: () => {} });
  const db = drizzle(client, {
    schema,
    logger: { logQuery: () => (queries += 1) },
  }) as unknown as Database;
  try {
    await measure(
      'PostgreSQL',
      db,
      campaign,
      () => queries,
      () => (queries = 0),
    );
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function benchPglite() {
  let queries = 0;
  const handle = await openPglite({ onQuery: () => (queries += 1) });
  try {
    const started = performance.now();
    const campaign = await seed(handle.db);
    await handle.db.execute(sql`analyze`);
    print(`PGlite (in memory): inserted ${entryCount} entries × ${scorersPerEntry} submitted scores (and analysed) in ${ms(performance.now() - started)}`);
    await measure(
      'PGlite',
      handle.db,
      campaign,
      () => queries,
      () => (queries = 0),
    );
  } finally {
    await handle.close();
  }
}

/** The rows and statistics, the way each was done. */
type RowsReader = (db: Database, campaignId: number) => Promise<ResultRows>;

/**
 * Both ways, each in three cases alternated: a ranking right after a score changed, right after
 * an entry changed, and with nothing changed since the last (the old way's kept rows: one query
 * for the versions). The statistics are computed in every case. The old way's triggers are added
 * only after the new way is measured, so that they weigh on neither's figures but the old one's.
 */
async function measure(label: string, db: Database, campaign: Campaign, counted: () => number, reset: () => void) {
  const fresh = await measureWay(db, campaign, resultRows, counted, reset);
  for (const statement of readFileSync(new URL('../../db/migrations/0009_ranking_versions.sql', import.meta.url), 'utf8').split('--> statement-breakpoint')) {
    await db.execute(sql.raw(statement));
  }
  const kept = await measureWay(db, campaign, keptResultRows, counted, reset);
  print(`${label}: ranking ${fresh.ranked} entries × ${scorersPerEntry} scores, ${runs} runs of each case after ${warmUp} warm-up (median, p95, queries):`);
  print(`  ${'case'.padEnd(36)} ${'one query (now)'.padEnd(30)} kept rows (before issue 15)`);
  for (const [what, now] of fresh.cases) {
    const before = kept.cases.get(what)!;
    const figures = (f: typeof now) => `${ms(f.median)}, ${ms(f.p95)}, ${f.queries} q`.padEnd(30);
    print(`  ${what.padEnd(36)} ${figures(now)} ${figures(before)} now/before ${(now.median / before.median).toFixed(2)}`);
  }
  const worst = Math.max(...[...fresh.cases.values()].map((f) => f.median));
  print(`  of which the statistics, from rows already read: median ${ms(fresh.computing)}`);
  print(`${label}: one query, worst case median / ${goalMs} ms goal = ${(worst / goalMs).toFixed(2)} (${worst < goalMs ? 'met' : 'NOT met'})`);
}

async function measureWay(db: Database, campaign: Campaign, rows: RowsReader, counted: () => number, reset: () => void) {
  const rank = async () => rankResults(campaign, await rows(db, campaign.id));
  const first = (table: 'assignments' | 'entries') =>
    table === 'assignments'
      ? sql`(select min(a.id) from assignments a join entries e on e.id = a.entry_id where e.campaign_id = ${campaign.id})`
      : sql`(select min(id) from entries where campaign_id = ${campaign.id})`;
  const changes = {
    'after a score changed': () => db.execute(sql`update assignments set submitted_at = now() where id = ${first('assignments')}`),
    'after an entry changed': () => db.execute(sql`update entries set title = title where id = ${first('entries')}`),
    'with nothing changed since the last': async () => {},
  };
  for (let i = 0; i < warmUp; i++) {
    for (const change of Object.values(changes)) {
      await change();
      await rank();
    }
  }
  const times = new Map<string, number[]>();
  const queries = new Map<string, number>();
  let ranked = 0;
  const computing: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [what, change] of Object.entries(changes)) {
      await change();
      reset();
      const started = performance.now();
      const results = await rank();
      times.set(what, [...(times.get(what) ?? []), performance.now() - started]);
      queries.set(what, counted());
      ranked = results.rows.length;
    }
    const read = await rows(db, campaign.id);
    const started = performance.now();
    rankResults(campaign, read);
    computing.push(performance.now() - started);
  }
  const cases = new Map(
    [...times].map(([what, values]) => [
      what,
      {
        median: median(values),
        p95: percentile(values, 0.95),
        queries: queries.get(what)!,
      },
    ]),
  );
  return { ranked, cases, computing: median(computing) };
}

/** Fast bulk data: a panel, a campaign, the entries and their scores, each one INSERT … SELECT. */
async function seed(db: Database): Promise<Campaign> {
  const organisation = first(
    await db.execute(sql`
    insert into organisations (kind, name, short_name) values ('press', 'Báo Hạ Long điện tử (bench)', 'Báo Hạ Long') returning id`),
  );
  const orgId = Number(organisation.id);
  await db.execute(sql`
    insert into users (email, name, password_hash, role, organisation_id)
    select 'bench-scorer-' || g || '@demo.vn', 'Thành viên chấm ' || g, '-', 'scorer', ${orgId} from generate_series(1, ${panelSize}) g`);
  const author = first(
    await db.execute(sql`
    insert into users (email, name, password_hash, role, organisation_id)
    values ('bench-journalist@demo.vn', 'Phóng viên', '-', 'journalist', ${orgId}) returning id`),
  );
  const [campaign] = await db
    .insert(campaigns)
    .values({
      year: 2099,
      title: 'Đợt đo hiệu năng',
      submissionOpensAt: new Date('2099-01-01T00:00:00Z'),
      submissionClosesAt: new Date('2099-10-31T00:00:00Z'),
      scoringClosesAt: new Date('2099-11-30T00:00:00Z'),
      nominationsDueAt: new Date('2099-12-15T00:00:00Z'),
    })
    .returning();
  await db.execute(sql`
    insert into entries (campaign_id, kind, status, organisation_id, created_by_id, form_key, title, par_areas, press_type)
    select ${campaign.id},
           (array['article', 'initiative'])[1 + g % 2]::entry_kind,
           (array['in_review', 'scored', 'shortlisted'])[1 + g % 3]::entry_status,
           ${orgId}, ${Number(author.id)}, 'bench-' || g,
           'Tác phẩm cải cách hành chính số ' || g,
           array[(array['institutions', 'procedures', 'apparatus', 'civil_service', 'public_finance', 'digital_government'])[1 + g % 6]],
           (array['print', 'online', 'radio', 'television', 'photo', 'multimedia'])[1 + g % 6]
    from generate_series(1, ${entryCount}) g`);
  // Each entry gets three different scorers of the panel, and deterministic totals from 40 to 100.
  await db.execute(sql`
    with panel as (select id, row_number() over (order by id) - 1 as n from users where email like 'bench-scorer-%'),
         bench as (select id, row_number() over (order by id) as g from entries where campaign_id = ${campaign.id})
    insert into assignments (entry_id, scorer_id, assigned_at, score_status, total, submitted_at)
    select bench.id, panel.id, now(), 'submitted', 40 + ((bench.g * 37 + panel.n * 11) % 61), now()
    from bench cross join generate_series(0, ${scorersPerEntry - 1}) k
    join panel on panel.n = (bench.g + k * 7) % ${panelSize}`);
  return campaign;
}

/** The first row of a raw query: postgres.js returns the rows, PGlite an object holding them. */
function first(result: unknown): { id: number } {
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return rows[0] as { id: number };
}
