import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { firstFreeSlug, isValidSlug, slugFromTitle } from '../../../src/domain/gallery/slug';
import { jsonForScript, structuredData } from '../../../src/domain/gallery/structured-data';
import { foldForSearch, searchTextOf, searchWords, tonedWords } from '../../../src/domain/gallery/text';
import { useTestDatabase } from '../../support/database';

const vietnamese =
  'aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ ' +
  'AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ';

describe('folding for search', () => {
  it.each([
    ['Cải cách thủ tục hành chính', 'cai cach thu tuc hanh chinh'],
    ['ĐIỆN TỬ', 'dien tu'],
    ['Điện tử', 'dien tu'],
    ['Đông Triều, Đầm Hà', 'dong trieu, dam ha'],
    ['Ｑｕảｎｇ Ｎｉｎｈ', 'quang ninh'],
    ['Cải'.normalize('NFD'), 'cai'],
  ])('%s → %s', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('leaves every Vietnamese letter as its plain a–z letter', () => {
    expect(foldForSearch(vietnamese)).toBe(
      'aaaaaa aaaaaa aaaaaa eeeeee eeeeee iiiiii oooooo oooooo oooooo uuuuuu uuuuuu yyyyyy d ' +
        'aaaaaa aaaaaa aaaaaa eeeeee eeeeee iiiiii oooooo oooooo oooooo uuuuuu uuuuuu yyyyyy d',
    );
  });

  it('words: letters and digits only, so quotes and LIKE wildcards separate words', () => {
    expect(searchWords("“Nói không” với 100% phiền_hà, O'Brien \\ x")).toEqual(['noi', 'khong', 'voi', '100', 'phien', 'ha', 'o', 'brien', 'x']);
    expect(tonedWords('Cải CÁCH: “thủ tục”!')).toBe('cải cách thủ tục');
  });

  it('search text: the words of each field, fields kept apart', () => {
    expect(searchTextOf(['Một cửa Hạ Long', '', 'Báo Hạ Long điện tử', 'Trần Thị Thu Hà'])).toBe(
      'mot cua ha long | bao ha long dien tu | tran thi thu ha',
    );
  });
});

describe('the folding agrees with PostgreSQL unaccent', () => {
  const handle = useTestDatabase();
  beforeAll(async () => {
    });
  
  it('for every Vietnamese letter, lower-cased by us (the database may be in the C locale)', async () => {
    const lower = vietnamese.toLowerCase();
    // postgres.js returns the rows as an array, PGlite inside `rows`.
    const result: unknown = await handle.db.execute(sql`select unaccent(${lower}) as folded`);
    const [row] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { folded: string }[];
    expect(row.folded).toBe(foldForSearch(vietnamese));
  });
});

describe('slugs', () => {
  it.each([
    ['Một cửa liên thông Hạ Long', 'mot-cua-lien-thong-ha-long'],
    ['  Đường dây nóng: “1022” — Đông Triều!  ', 'duong-day-nong-1022-dong-trieu'],
    ['100% hồ sơ trực tuyến', '100-ho-so-truc-tuyen'],
    ['???', 'muc'],
  ])('%s → %s', (title, slug) => {
    expect(slugFromTitle(title)).toBe(slug);
    expect(isValidSlug(slug)).toBe(true);
  });

  it('is cut at a word, with room for a suffix', () => {
    const slug = slugFromTitle('Cải cách thủ tục hành chính '.repeat(10));
    expect(slug.length).toBeLessThanOrEqual(76);
    expect(slug).toMatch(/^cai-cach-thu-tuc-hanh-chinh-.*-[a-z]+$/);
  });

  it('takes the next free number', () => {
    expect(firstFreeSlug('a', new Set())).toBe('a');
    expect(firstFreeSlug('a', new Set(['a', 'a-2']))).toBe('a-3');
  });

  it.each(['Mot-cua', 'mot cua', 'một-cửa', '-mot', 'mot--cua', 'mot-', '', 'a'.repeat(81), '../etc'])('refuses %j', (slug) => {
    expect(isValidSlug(slug)).toBe(false);
  });
});

describe('structured data', () => {
  const item = {
    kind: 'article' as const,
    title: 'Một cửa </script><script>alert(1)</script>',
    authors: 'Trần Thị Thu Hà, Lê Văn Đông',
    organisationName: 'Báo Hạ Long điện tử',
    year: 2024,
    publishedAt: new Date('2025-03-01T01:00:00Z'),
    updatedAt: new Date('2025-03-02T01:00:00Z'),
    originalUrl: 'https://baohalong.vn/a.html',
    award: 'Bằng khen',
  };

  it('is an Article with its authors, and never closes its script element', () => {
    const data = structuredData(item, 'Tóm tắt', { page: 'https://x.vn/gallery/mot-cua', image: 'https://x.vn/gallery/images/1?w=1600' }, { language: 'vi', publisher: 'Giải', about: ['Cải cách thủ tục hành chính'] });
    expect(data).toMatchObject({
      '@type': 'Article',
      headline: item.title,
      url: 'https://x.vn/gallery/mot-cua',
      image: 'https://x.vn/gallery/images/1?w=1600',
      datePublished: '2025-03-01T01:00:00.000Z',
      author: [
        { '@type': 'Person', name: 'Trần Thị Thu Hà' },
        { '@type': 'Person', name: 'Lê Văn Đông' },
      ],
      isBasedOn: 'https://baohalong.vn/a.html',
      award: 'Bằng khen',
    });
    const json = jsonForScript(data);
    expect(json).not.toMatch(/<\/script/i);
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(data)));
  });

  it('an initiative is a CreativeWork; a collective one is its organisation’s', () => {
    const data = structuredData({ ...item, kind: 'initiative', authors: item.organisationName }, '', { page: 'https://x.vn/p' }, { language: 'en', publisher: 'P', about: [] });
    expect(data['@type']).toBe('CreativeWork');
    expect(data.author).toEqual([{ '@type': 'Organization', name: 'Báo Hạ Long điện tử' }]);
    expect(data).not.toHaveProperty('image');
  });
});
