import { describe, expect, it } from 'vitest';
import { plainText, sanitizeRichText } from '../../../src/domain/entries/rich-text';
import { urlKey } from '../../../src/domain/entries/url';

describe('rich text', () => {
  it('keeps the allowed formatting', () => {
    expect(sanitizeRichText('<p>Cải cách <strong>thủ tục</strong> <em>hành chính</em></p><ul><li>một</li></ul>')).toBe(
      '<p>Cải cách <strong>thủ tục</strong> <em>hành chính</em></p><ul><li>một</li></ul>',
    );
    expect(sanitizeRichText('<b>đậm</b> <i>nghiêng</i>')).toBe('<strong>đậm</strong> <em>nghiêng</em>');
    expect(sanitizeRichText('<a href="https://baoquangninh.vn/bai-viet">bài</a>')).toBe(
      '<a href="https://baoquangninh.vn/bai-viet" rel="nofollow noopener noreferrer">bài</a>',
    );
  });

  it('turns plain text into paragraphs, escaping what looks like markup', () => {
    expect(sanitizeRichText('Đoạn một\ndòng hai\n\nĐoạn hai & 3 < 4')).toBe('<p>Đoạn một<br />dòng hai</p><p>Đoạn hai &amp; 3 &lt; 4</p>');
  });

  it('links web addresses in plain text, and only http(s) ones', () => {
    expect(sanitizeRichText('Xem tại https://baohalong.vn/a?b=1&c=2 nhé. javascript:alert(1)')).toBe(
      '<p>Xem tại <a href="https://baohalong.vn/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">https://baohalong.vn/a?b=1&amp;c=2</a> nhé. javascript:alert(1)</p>',
    );
  });

  const attacks: [string, string][] = [
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<img src=x onerror=alert(1)>tiếp', 'tiếp'],
    ['<p onclick="alert(1)">bấm</p>', '<p>bấm</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a rel="nofollow noopener noreferrer">x</a>'],
    ['<a href="JaVaScRiPt&colon;alert(1)">x</a>', '<a rel="nofollow noopener noreferrer">x</a>'],
    ['<a href=" javascript:alert(1)">x</a>', '<a rel="nofollow noopener noreferrer">x</a>'],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a rel="nofollow noopener noreferrer">x</a>'],
    ['<xmp><script>alert(1)</script></xmp>ok', 'ok'],
    ['<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>ok', 'ok'],
    ['<svg><script>alert(1)</script></svg>ok', 'ok'],
    ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ''],
    ['<p style="background:url(javascript:alert(1))">s</p>', '<p>s</p>'],
    ['<iframe src="https://evil.example"></iframe>ok', 'ok'],
    // Unicode line separator before the scheme: not ASCII whitespace, so not a "scheme" to sanitize-html.
    ['<a href="\u2028javascript:alert(1)">x</a>', '<a rel="nofollow noopener noreferrer">x</a>'],
    ['<a href="x">x</a>', '<a rel="nofollow noopener noreferrer">x</a>'],
  ];

  it.each(attacks)('makes %s inert', (input, expected) => {
    const output = sanitizeRichText(input);
    expect(output).toBe(expected);
    expect(output).not.toMatch(/<script|onerror|onclick|javascript:|<img|<iframe|style=/i);
  });

  it('tells an empty value from a real one', () => {
    expect(plainText(sanitizeRichText('<p> </p><p></p>'))).toBe('');
    expect(plainText(sanitizeRichText('<p>Có nội dung</p>'))).toBe('Có nội dung');
  });
});

describe('URL keys', () => {
  it('see the same work through scheme, www, trailing slash, fragment and tracking', () => {
    const key = urlKey('https://baoquangninh.vn/cai-cach-thu-tuc-3301.html');
    for (const variant of [
      'http://www.baoquangninh.vn/cai-cach-thu-tuc-3301.html/',
      'https://BaoQuangNinh.vn/cai-cach-thu-tuc-3301.html#binh-luan',
      'https://baoquangninh.vn/cai-cach-thu-tuc-3301.html?utm_source=zalo&fbclid=abc',
    ]) {
      expect(urlKey(variant), variant).toBe(key);
    }
    expect(urlKey('https://baoquangninh.vn/cai-cach-thu-tuc-3302.html')).not.toBe(key);
    expect(urlKey('https://baoquangninh.vn/video?id=7')).not.toBe(urlKey('https://baoquangninh.vn/video?id=8'));
  });

  it('refuses what is not a web address', () => {
    for (const bad of ['javascript:alert(1)', 'ftp://x.vn/a', 'not a url', '']) expect(urlKey(bad), bad).toBeNull();
  });
});
