import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { assignments, type Entry } from '../../db/schema';
import { actorFor } from '../support/accounts';
import { createEntry } from '../support/entries';
import { expectServedAs, signedIn, textOf, Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

const comment = 'Phóng sự sinh động về “một cửa”; nên bổ sung số liệu của Sở Nội vụ.';
const injection = '=HYPERLINK("http://evil.example","Xem")';

/** Scores go straight into the server's database before it starts (no page of ours makes them). */
async function score(db: Database, entry: Entry, email: string, total: number, text = '') {
  const scorer = await actorFor(db, email);
  const at = new Date('2024-10-01T08:00:00+07:00');
  await db.insert(assignments).values({ entryId: entry.id, scorerId: scorer.id, assignedAt: at, scoreStatus: 'submitted', total, comment: text, submittedAt: at });
}

let server: RunningServer;
const ids = { article: 0, hostile: 0, initiative: 0 };
beforeAll(async () => {
  server = await startServer(
    {},
    {
      prepare: async (db) => {
        const article = await createEntry(db, 'journalist@demo.vn', { title: 'Một cửa điện tử ở Hạ Long', status: 'in_review', pressType: 'television', parAreas: ['procedures'] });
        await score(db, article, 'scorer1@demo.vn', 80);
        await score(db, article, 'scorer2@demo.vn', 70, comment);
        await score(db, article, 'scorer3@demo.vn', 90);
        const hostile = await createEntry(db, 'journalist2@demo.vn', { title: injection, status: 'scored', pressType: 'online', parAreas: ['digital_government'] });
        await score(db, hostile, 'scorer1@demo.vn', 40);
        await score(db, hostile, 'scorer2@demo.vn', 75);
        const initiative = await createEntry(db, 'journalist@demo.vn', { title: 'Tổ công nghệ số cộng đồng', kind: 'initiative', status: 'shortlisted', pressType: null, parAreas: ['digital_government', 'institutions'] });
        await score(db, initiative, 'scorer3@demo.vn', 60);
        Object.assign(ids, { article: article.id, hostile: hostile.id, initiative: initiative.id });
      },
    },
  );
});
afterAll(async () => {
  if (process.env.SHOW_SERVER_LOG) console.log(server?.output());
  await server?.stop();
});

/** The data rows of the ranking table: rank, then the entry's title. */
function rankingOf(html: string): string[] {
  const body = html.match(/<table class="results-table[^"]*"[\s\S]*?<tbody[^>]*>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(([, row]) => {
    const rank = row.match(/<td[^>]*>(\d+)<\/td>/)?.[1];
    const title = row.match(/<th scope="row"[^>]*>([^<]*)/)?.[1]?.trim();
    return `${rank} ${title}`;
  });
}

describe('the coordinator’s results page', () => {
  it('ranks the scored entries of the current campaign with their figures and flags', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const response = await coordinator.get('/app/scoring/results');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(rankingOf(html)).toEqual(['1 Một cửa điện tử ở Hạ Long', '2 Tổ công nghệ số cộng đồng', '3 =HYPERLINK(&quot;http://evil.example&quot;,&quot;Xem&quot;)']);
    const text = await textOf(new Response(html));
    expect(text).toContain('Kết quả chấm điểm năm 2024');
    expect(text).toContain('3 tác phẩm được xếp hạng trong đợt.');
    // Rank, title, kind · press type · organisation, status, count, mean, trimmed, normalised, median, s.d., range, flag.
    expect(text).toMatch(/1 Một cửa điện tử ở Hạ Long Tác phẩm báo chí · Truyền hình · Báo Hạ Long điện tử Đang chấm 3 80 — [\d,]+ 80 10 70–90 2 Tổ công nghệ số cộng đồng /);
    expect(text).toMatch(/Đã chấm 2 57,5 — [\d,]+ 57,5 24,7 40–75 Chênh 35 điểm, cần thảo luận/);
    expect(text).toContain('Tổ công nghệ số cộng đồng Sáng kiến, cách làm hay · Báo Hạ Long điện tử Vào danh sách đề nghị 1 60');
    expect(text).toContain('Xếp hạng theo điểm trung bình (trung bình cắt khi có từ 5 phiếu).');
  });

  it('draws the charts as accessible inline SVG, without style attributes, every inline style hashed in the CSP', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const response = await coordinator.get('/app/scoring/results');
    const html = await response.text();
    for (const id of ['scorer-chart', 'par-area-chart']) {
      expect(html).toContain(`<svg role="img" aria-labelledby="${id}-title ${id}-desc"`);
      expect(html).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title>\\s*<desc id="${id}-desc"[^>]*>[^<]+</desc>`));
    }
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/<script/);
    // The scorers' names and figures, for screen readers, in the chart's table.
    const scorers = html.replace(/ data-astro-cid-\w+/g, '').replace(/>\s+</g, '><').match(/<div class="visually-hidden"><table>([\s\S]*?)<\/table>/)?.[1] ?? '';
    expect(scorers).toContain('<th scope="row">Hoàng Minh Tuấn</th><td>2</td><td>40</td>');
    expect(scorers).toContain('<th scope="row">Vũ Thị Lan</th>');
    expect(scorers).toContain('<th scope="row">Đỗ Quang Huy</th>');
    const text = await textOf(new Response(html));
    expect(text).toContain('Xây dựng và phát triển Chính phủ điện tử, Chính phủ số 2');
    expect(text).toContain('Cải cách thủ tục hành chính 1');
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const [, css] of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) {
      expect(csp).toContain(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    }
  });

  it('filters with a GET form that works without script and keeps its state in the query string', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const html = await (await coordinator.get('/app/scoring/results?kind=article&pressType=&parArea=digital_government')).text();
    expect(html).toMatch(/<form method="get" action="\/app\/scoring\/results"/);
    for (const id of ['campaign', 'kind', 'pressType', 'parArea']) expect(html).toMatch(new RegExp(`<label for="${id}"[^>]*>`));
    expect(html).toMatch(/<option value="article" selected[ >]/);
    expect(html).toMatch(/<option value="digital_government" selected[ >]/);
    expect(html).not.toMatch(/<option value="initiative" selected[ >]/);
    expect(rankingOf(html)).toEqual(['1 =HYPERLINK(&quot;http://evil.example&quot;,&quot;Xem&quot;)']);
    const text = await textOf(new Response(html));
    expect(text).toContain('Đang hiển thị 1 tác phẩm khớp bộ lọc.');
    // The downloads carry the same view.
    const campaignId = html.match(/<option value="(\d+)" selected[^>]*>2024<\/option>/)?.[1];
    expect(campaignId).toMatch(/^\d+$/);
    expect(html).toContain(`href="/app/scoring/export.xlsx?campaign=${campaignId}&amp;kind=article&amp;parArea=digital_government"`);
    expect(html).toContain(`href="/app/scoring/export.csv?campaign=${campaignId}&amp;kind=article&amp;parArea=digital_government&amp;sheet=scorers"`);
    expect(rankingOf(await (await coordinator.get(`/app/scoring/results?campaign=${campaignId}&kind=initiative`)).text())).toEqual(['1 Tổ công nghệ số cộng đồng']);
  });

  it('reads in English under /en/, and answers 404 for a campaign that does not exist', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const text = await textOf(await coordinator.get('/en/app/scoring/results'));
    expect(text).toContain('Scoring results 2024');
    expect(text).toContain('Press article · Television');
    expect(text).toContain('35 points apart: discuss');
    expect((await coordinator.get('/app/scoring/results?campaign=999999')).status).toBe(404);
    expect((await coordinator.get('/app/scoring/results?campaign=1%20or%201=1')).status).toBe(404);
  });
});

describe('the downloads', () => {
  it('CSV per entry and per scorer: UTF-8 with BOM, CRLF, an attachment, formulas defused', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const response = await coordinator.get('/app/scoring/export.csv');
    expectServedAs(response, 'text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="ket-qua-cham-diem-2024-theo-tac-pham.csv"; filename*=UTF-8''ket-qua-cham-diem-2024-theo-tac-pham.csv`,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8').slice(1);
    const lines = csv.split('\r\n');
    expect(lines[0].startsWith('Hạng,Mã tác phẩm,Tên tác phẩm,Loại,')).toBe(true);
    expect(lines[1]).toContain(`1,${ids.article},Một cửa điện tử ở Hạ Long,Tác phẩm báo chí,Truyền hình,Cải cách thủ tục hành chính,Báo Hạ Long điện tử,Trần Thị Thu Hà,Đang chấm,3,80.00,80.00,10.00,70,90,`);
    expect(lines[1].endsWith(`,Không,Vũ Thị Lan: ${comment}`)).toBe(true);
    expect(lines[3]).toContain(`3,${ids.hostile},"'=HYPERLINK(""http://evil.example"",""Xem"")"`);
    expect(lines.at(-1)).toBe('');

    const perScorer = await coordinator.get('/en/app/scoring/export.csv?sheet=scorers');
    expect(perScorer.headers.get('content-disposition')).toContain('filename="scoring-results-2024-by-scorer.csv"');
    const english = (await perScorer.text()).replace(/^\uFEFF/, '').split('\r\n');
    // The rubric's criteria are data: their names stay as the coordinator wrote them.
    expect(english[0].startsWith('Scorer,Entry number,Title,Total,Normalised score,')).toBe(true);
    expect(english[0].endsWith(',Comment,Submitted (Vietnam time)')).toBe(true);
    expect(english.filter((l) => l.startsWith('Vũ Thị Lan,'))).toHaveLength(2);
  });

  it('XLSX with two sheets, Vietnamese intact', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const response = await coordinator.get('/app/scoring/export.xlsx');
    expectServedAs(response, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="ket-qua-cham-diem-2024.xlsx"; filename*=UTF-8''ket-qua-cham-diem-2024.xlsx`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Theo tác phẩm', 'Theo thành viên chấm']);
    const [byEntry, byScorer] = workbook.worksheets;
    expect(byEntry.getCell('C2').value).toBe('Một cửa điện tử ở Hạ Long');
    expect(byEntry.getCell('C4').value).toBe(injection);
    expect(byEntry.getCell('C4').type).toBe(ExcelJS.ValueType.String);
    expect(byEntry.getCell('K2').value).toBe(80);
    expect(byEntry.getRow(2).getCell(byEntry.actualColumnCount).value).toBe(`Vũ Thị Lan: ${comment}`);
    expect(byScorer.getCell('A1').value).toBe('Thành viên chấm');
    expect(byScorer.rowCount).toBe(7);
  });
});

describe('who may see results', () => {
  const paths = ['/app/scoring/results', '/app/scoring/export.csv', '/app/scoring/export.xlsx'];

  it('refuses scorers and journalists with 403, and sends anonymous visitors to the login', async () => {
    for (const email of ['scorer1@demo.vn', 'journalist@demo.vn']) {
      const visitor = await signedIn(server.origin, email);
      for (const path of paths) {
        const response = await visitor.get(path);
        expect(response.status, `${email} ${path}`).toBe(403);
        const body = await response.text();
        expect(body.includes('Một cửa điện tử ở Hạ Long'), `${email} ${path}`).toBe(false);
        expect(body.includes('Vũ Thị Lan'), `${email} ${path}`).toBe(false);
      }
    }
    const anonymous = new Visitor(server.origin);
    for (const path of paths) {
      const response = await anonymous.get(path);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(`/login?redirect=${encodeURIComponent(path)}`);
    }
  });
});
