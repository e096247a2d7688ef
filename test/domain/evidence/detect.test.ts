import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectEvidenceType, detectEvidenceTypeOfFile, detectionBytes } from '../../../src/domain/entries/evidence/detect';
import { attachmentDisposition } from '../../../src/domain/entries/evidence/disposition';
import { displayName, maxNameLength } from '../../../src/domain/entries/evidence/name';
import { acceptAttribute } from '../../../src/domain/entries/evidence/types';
import * as fixture from './fixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'press-par-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function onDisk(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

describe('the type comes from the bytes', () => {
  it.each([
    ['pdf', fixture.pdf()],
    ['jpeg', fixture.jpeg()],
    ['png', fixture.png()],
    ['webp', fixture.webp()],
    ['mp3', fixture.mp3()],
    ['m4a', fixture.m4a()],
    ['mp4', fixture.mp4()],
  ])('%s from its first bytes and from the whole file', async (type, bytes) => {
    expect(await detectEvidenceType(bytes.subarray(0, detectionBytes))).toBe(type);
    expect(await detectEvidenceTypeOfFile(onDisk(`x.${type}`, bytes))).toBe(type);
  });

  it.each([
    ['a Linux executable named .pdf', 'report.pdf', fixture.elf()],
    ['a Windows executable named .pdf', 'report.pdf', fixture.windowsExe()],
    ['an HTML page named .jpg', 'photo.jpg', fixture.html()],
    ['a QuickTime video named .mp4', 'clip.mp4', fixture.quicktime()],
    ['an empty file', 'empty.pdf', Buffer.alloc(0)],
  ])('refuses %s', async (_, name, bytes) => {
    expect(await detectEvidenceType(bytes)).toBeUndefined();
    expect(await detectEvidenceTypeOfFile(onDisk(name, bytes))).toBeUndefined();
  });

  it('needs the whole file to see through an ID3 tag longer than the first bytes', async () => {
    const bytes = fixture.fakeMp3();
    expect(await detectEvidenceType(bytes.subarray(0, detectionBytes))).toBe('mp3');
    expect(await detectEvidenceTypeOfFile(onDisk('song.mp3', bytes))).toBeUndefined();
  });
});

describe('the file name is only a label', () => {
  it('drops path parts, control and bidi characters, and keeps Vietnamese', () => {
    expect(displayName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(displayName('C:\\Users\\ha\\Bài báo\u0000 cải\u001b cách.pdf', 'pdf')).toBe('Bài báo cải cách.pdf');
    expect(displayName('ảnh\u202Egpj.exe', 'png')).toBe('ảnhgpj.exe.png');
    expect(displayName('..\\..\\..', 'jpeg')).toBe('minh-chung.jpg');
    expect(displayName('  .hidden.PDF ', 'pdf')).toBe('hidden.PDF');
  });

  it('joins decomposed letters (macOS names) into one form', () => {
    expect(displayName('Bi\u0300a.pdf', 'pdf')).toBe('Bìa.pdf');
  });

  it('ends in the extension of the type the bytes showed', () => {
    expect(displayName('scan.pdf', 'png')).toBe('scan.pdf.png');
    expect(displayName('anh.JPEG', 'jpeg')).toBe('anh.JPEG');
    expect(displayName('ghi-am', 'm4a')).toBe('ghi-am.m4a');
  });

  it('caps the length and keeps the extension', () => {
    const name = displayName(`${'ả'.repeat(500)}.mp4`, 'mp4');
    expect(Array.from(name)).toHaveLength(maxNameLength);
    expect(name.endsWith('ả.mp4')).toBe(true);
  });
});

describe('downloads', () => {
  it('name the file for old and new clients (RFC 6266)', () => {
    expect(attachmentDisposition('Cải cách "thủ tục" 100%.pdf')).toBe(
      `attachment; filename="Cai cach _thu tuc_ 100_.pdf"; filename*=UTF-8''C%E1%BA%A3i%20c%C3%A1ch%20%22th%E1%BB%A7%20t%E1%BB%A5c%22%20100%25.pdf`,
    );
    expect(attachmentDisposition("Đường (mới)'s.png")).toBe(
      `attachment; filename="Duong (moi)'s.png"; filename*=UTF-8''%C4%90%C6%B0%E1%BB%9Dng%20%28m%E1%BB%9Bi%29%27s.png`,
    );
  });

  it('the picker suggests the allowed types only', () => {
    expect(acceptAttribute(['pdf', 'jpeg'])).toBe('.pdf,application/pdf,.jpg,.jpeg,image/jpeg');
  });
});
