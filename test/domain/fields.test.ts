import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import {
  day,
  dayForInput,
  dayInputPattern,
  dayOrEmpty,
  decimalNumber,
  id,
  ids,
  isCalendarDay,
  optionalId,
  optionalDay,
  parseDay,
  parseDecimal,
  parseId,
  parseWholeNumber,
  plainText,
  requiredText,
  text,
  webUrl,
  wholeNumber,
} from '../../src/domain/fields';
import { webHref } from '../../src/domain/entries/url';

const issues = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('parseId', () => {
  it('takes decimal digits within PostgreSQL integer', () => {
    expect(parseId('1')).toBe(1);
    expect(parseId('2147483647')).toBe(2_147_483_647);
  });

  it('refuses everything else', () => {
    for (const value of ['', '0', '01', '-1', '+1', '1.0', '1e3', '1e10', '0x5', ' 7 ', '7 ', '2147483648', '99999999999', '١٢', 'NaN', 'Infinity', '1\u0000']) {
      expect(parseId(value), value).toBeUndefined();
    }
    expect(parseId(5)).toBeUndefined();
    expect(parseId(null)).toBeUndefined();
    expect(parseId(['1'])).toBeUndefined();
  });

  it('as a form field, an error on that field; optional and lists alike', () => {
    expect(id.parse('42')).toBe(42);
    expect(issues(id, '1e10')).toEqual(['input.id']);
    expect(issues(id, null)).toEqual(['input.id']);
    expect(optionalId().parse('')).toBeUndefined();
    expect(issues(optionalId(), '99999999999')).toEqual(['input.id']);
    expect(ids().parse(['1', '2'])).toEqual([1, 2]);
    expect(issues(ids(), ['1', '0x5'])).toEqual(['input.id']);
  });
});

describe('numbers', () => {
  it('whole numbers in plain decimal digits only', () => {
    expect(parseWholeNumber('0')).toBe(0);
    expect(parseWholeNumber('7')).toBe(7);
    for (const value of ['0x5', '1e1', ' 7 ', '7.0', '-1', '', '07', 'Infinity']) expect(parseWholeNumber(value), value).toBeUndefined();
    expect(wholeNumber(1, 10, 'scoring.errors.points').parse('10')).toBe(10);
    expect(issues(wholeNumber(1, 10, 'scoring.errors.points'), '11')).toEqual(['scoring.errors.points']);
    expect(issues(wholeNumber(1, 10, 'scoring.errors.points'), '0x5')).toEqual(['scoring.errors.points']);
  });

  it('decimals with a point, no exponent', () => {
    expect(parseDecimal('72.5')).toBe(72.5);
    expect(parseDecimal('100')).toBe(100);
    for (const value of ['1e1', '.5', '5.', '0x5', ' 7', '1,5', '-0.5']) expect(parseDecimal(value), value).toBeUndefined();
    expect(issues(decimalNumber(0, 100, 'scoring.errors.points'), '100.01')).toEqual(['scoring.errors.points']);
  });
});

describe('days', () => {
  it('takes days that exist between 1900 and 2100', () => {
    for (const day of ['2024-02-29', '1900-01-01', '2100-12-31', '2024-12-31']) expect(isCalendarDay(day), day).toBe(true);
  });

  it('refuses days that do not exist, out of range or in another form', () => {
    for (const day of ['2024-02-30', '2023-02-29', '0000-01-01', '2024-13-45', '2024-00-10', '2024-04-31', '1899-12-31', '2101-01-01', '24-01-01', '2024-1-1', '2024-01-01T00:00', ' 2024-01-01']) {
      expect(isCalendarDay(day), day).toBe(false);
    }
    expect(dayOrEmpty('nominations.errors.decisionDate').parse('')).toBe('');
    expect(issues(dayOrEmpty('nominations.errors.decisionDate'), '2024-02-30')).toEqual(['nominations.errors.decisionDate']);
  });
});

describe('typed days, dd/mm/yyyy (issue 16)', () => {
  it('reads day/month/year as a Vietnamese form writes it, and ISO, into the ISO day', () => {
    const read: [string, string][] = [
      ['31/12/2026', '2026-12-31'],
      ['01/07/2025', '2025-07-01'],
      ['1/7/2025', '2025-07-01'],
      ['29/02/2024', '2024-02-29'],
      ['05.03.2027', '2027-03-05'],
      ['05-03-2027', '2027-03-05'],
      [' 15/05/2024 ', '2024-05-15'],
      ['2026-12-31', '2026-12-31'],
      ['1900-01-01', '1900-01-01'],
    ];
    for (const [typed, iso] of read) expect(parseDay(typed), typed).toBe(iso);
  });

  it('refuses days that do not exist, the month first, two-digit years and anything else', () => {
    for (const typed of ['31/02/2026', '29/02/2023', '12/15/2028', '00/01/2026', '32/01/2026', '31/04/2026', '1/1/26', '31/12/1899', '01/01/2101', '2024-1-1', '31 12 2026', '31/12/2026x', '', '2026-02-30', '٣١/١٢/٢٠٢٦']) {
      expect(parseDay(typed), typed).toBeUndefined();
    }
    for (const value of [undefined, null, 20261231, ['31/12/2026']]) expect(parseDay(value), String(value)).toBeUndefined();
  });

  it('every date schema gives the ISO day, or its own message', () => {
    expect(day('campaigns.errors.opensDate').parse('01/03/2027')).toBe('2027-03-01');
    expect(day('campaigns.errors.opensDate').parse('2027-03-01')).toBe('2027-03-01');
    expect(issues(day('campaigns.errors.opensDate'), '30/02/2027')).toEqual(['campaigns.errors.opensDate']);
    expect(optionalDay().parse('')).toBeUndefined();
    expect(optionalDay().parse('20/8/2026')).toBe('2026-08-20');
    expect(issues(optionalDay(), '08/20/2026')).toEqual(['input.day']);
    expect(dayOrEmpty('nominations.errors.decisionDate').parse('20/12/2024')).toBe('2024-12-20');
    expect(dayOrEmpty('nominations.errors.decisionDate').parse('  ')).toBe('');
  });

  it('shows a stored day as dd/mm/yyyy, and what was typed as it was', () => {
    expect(dayForInput('2026-12-31')).toBe('31/12/2026');
    expect(dayForInput('31/02/2026')).toBe('31/02/2026');
    expect(dayForInput('')).toBe('');
    expect(dayForInput(null)).toBe('');
    expect(dayForInput(undefined)).toBe('');
  });

  it('the browser’s pattern takes what parseDay reads, as browsers compile it (the v flag)', () => {
    const pattern = new RegExp(`^(?:${dayInputPattern})$`, 'v');
    for (const typed of ['31/12/2026', '1/7/2025', '05.03.2027', '05-03-2027', ' 15/05/2024 ', '2026-12-31']) expect(pattern.test(typed), typed).toBe(true);
    for (const typed of ['31 12 2026', '1/1/26', '2024-1-1', 'hôm nay']) expect(pattern.test(typed), typed).toBe(false);
  });
});

describe('text', () => {
  it('refuses NUL and other control characters, keeps tabs and line breaks', () => {
    for (const value of ['a\u0000b', '\u0007', 'x\u001b[31m', 'x\u007f', 'x\u0085', 'x\u009b']) expect(issues(text(100), value), JSON.stringify(value)).toEqual(['input.controlCharacters']);
    expect(text(100).parse('dòng 1\r\ndòng\t2')).toBe('dòng 1\r\ndòng\t2');
  });

  it('normalises to NFC and strips bidi controls', () => {
    expect(plainText('Ha\u0323 Long')).toBe('Hạ Long');
    expect(text(100).parse('Ha\u0323 Long')).toBe('Hạ Long');
    expect(text(100).parse('admin\u202Egnp.exe\u2066x\u2069\u202A\u202B\u202C\u202D\u2067\u2068')).toBe('admingnp.exex');
  });

  it('refuses what is not text, and says the limit', () => {
    expect(issues(text(10), ['a'])).toEqual(['input.notText']);
    expect(issues(text(10), { a: 1 })).toEqual(['input.notText']);
    expect(text(10).parse(null)).toBe('');
    const tooLong = text(3).safeParse('abcd');
    expect(tooLong.success ? undefined : tooLong.error.issues[0]).toMatchObject({ message: 'input.tooLong', maximum: 3 });
    // Counted once normalised: five NFD code points are three letters.
    expect(text(3).parse('a\u0323b\u0323c')).toBe('ạḅc');
  });

  it('required text is trimmed and must not be empty', () => {
    expect(requiredText(10).parse('  Hạ Long ')).toBe('Hạ Long');
    expect(issues(requiredText(10), '   ')).toEqual(['errors.required']);
    expect(issues(requiredText(10), '\u202E')).toEqual(['errors.required']);
  });
});

describe('web addresses', () => {
  it('takes http(s) or nothing, on saving', () => {
    expect(webUrl(100).parse('https://baoquangninh.vn/a.html')).toBe('https://baoquangninh.vn/a.html');
    expect(webUrl(100).parse('')).toBe('');
    for (const url of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,x', 'ftp://x', '//evil.example', 'vbscript:x', 'baoquangninh.vn']) {
      expect(issues(webUrl(100), url), url).toEqual(['input.url']);
    }
  });

  it('renders a link only to http(s), whatever was stored', () => {
    expect(webHref('https://baoquangninh.vn/a.html')).toBe('https://baoquangninh.vn/a.html');
    for (const url of ['javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', '', null, undefined]) expect(webHref(url), String(url)).toBeUndefined();
  });
});
