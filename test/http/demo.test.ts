import { describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n';
import { signedIn, slugsOn, textOf, Visitor } from '../support/http';
import { useServer } from '../support/server';

/*
 * The built server on an empty embedded database seeds the whole demo (SEED_DEMO): three years of
 * the movement, as a new user finds them.
 */
const server = useServer({}, { timeout: 120_000, emptyDatabase: true });

describe('the demo province', () => {
  it('shows real-looking figures for 2024, 2025 and 2026', async () => {
    const visitor = new Visitor(server.origin);
    for (const year of [2024, 2025, 2026]) {
      const response = await visitor.get(`/results/${year}`);
      expect(response.status).toBe(200);
      const text = await textOf(response);
      expect(text).toContain(`năm ${year}`);
      expect(text).toContain('Trung tâm Truyền thông tỉnh Quảng Ninh');
      expect(text).toContain('Văn phòng đại diện Báo Nhân Dân tại Quảng Ninh');
      // The counted entries: well over a hundred a year, not four.
      const total = Math.max(...[...text.matchAll(/(\d{3})/g)].map((m) => Number(m[1])).filter((n) => n < 400));
      expect(total).toBeGreaterThan(100);
      if (year < 2026) expect(text).toContain('Bằng khen của Chủ tịch UBND tỉnh');
    }
  });

  it('names no Sở TT&TT on the pages of the current campaign; its footer names the current bodies', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const pages = ['/', '/gallery', '/results/2026', '/app', '/app/campaigns', '/app/scoring', '/app/nominations'];
    for (const path of pages) {
      const text = await textOf(await coordinator.get(path));
      for (const old of ['Sở Thông tin và Truyền thông', 'Sở TT&TT', 'STTTT']) expect(text, `${path} names ${old}`).not.toContain(old);
      expect(text).toContain('Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ninh chủ trì, phối hợp với Trung tâm Truyền thông tỉnh Quảng Ninh.');
    }
    const journalist = await signedIn(server.origin, 'journalist2@demo.vn');
    expect(await textOf(await journalist.get('/app/entries'))).not.toContain('Sở Thông tin và Truyền thông');
  });

  it('prints the 2024 dossier under Decree 98/2023 and the 2025 one under Decree 152/2025', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const of2024 = await textOf(await coordinator.get('/app/dossiers/1/print?document=proposal'));
    expect(of2024).toContain('Nghị định số 98/2023/NĐ-CP');
    expect(of2024).toContain('215/TTr-STTTT');
    expect(of2024).toContain('Sở Thông tin và Truyền thông tỉnh Quảng Ninh');
    expect(of2024).not.toContain('152/2025');
    const of2025 = await textOf(await coordinator.get('/app/dossiers/2/print?document=proposal'));
    expect(of2025).toContain('Nghị định số 152/2025/NĐ-CP');
    expect(of2025).toContain('188/TTr-SVHTTDL');
    expect(of2025).not.toContain('98/2023');
    const report = await coordinator.get('/app/dossiers/2/document?document=report');
    expect(report.status).toBe(200);
    // The campaign page says which regime its dossiers follow.
    expect(await textOf(await coordinator.get('/app/campaigns'))).toContain('Nghị định số 152/2025/NĐ-CP, Mẫu số 07');
  });

  it('does not show a featured model again under the newest ones on the home page', async () => {
    const html = await (await new Visitor(server.origin).get('/')).text();
    const featured = slugsOn(html.slice(html.indexOf('id="featured-heading"'), html.indexOf('id="latest-heading"')));
    const latest = slugsOn(html.slice(html.indexOf('id="latest-heading"'), html.indexOf('id="press-heading"')));
    expect(featured.length).toBeGreaterThan(0);
    expect(latest.length).toBeGreaterThan(0);
    expect(latest.filter((slug) => featured.includes(slug))).toEqual([]);
  });

  it('finds models for the example the gallery’s search hint gives, in both languages', async () => {
    for (const [locale, prefix] of [['vi', ''], ['en', '/en']] as const) {
      const example = translate(locale, 'gallery.search.example');
      const page = await textOf(await new Visitor(server.origin).get(`${prefix}/gallery`));
      expect(page).toContain(example);
      const found = await (await new Visitor(server.origin).get(`${prefix}/gallery?q=${encodeURIComponent(example)}`)).text();
      expect(slugsOn(found).length, `${prefix}/gallery?q=${example}`).toBeGreaterThan(0);
    }
  });
});
