/**
 * Small files with the real magic numbers of each format, made here rather than checked in, so
 * a reader sees exactly which bytes make each type.
 */
const ascii = (text: string) => Buffer.from(text, 'latin1');
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

export function pdf(body = 'Bài viết về cải cách thủ tục hành chính'): Buffer {
  return Buffer.concat([
    ascii('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
    Buffer.from(`% ${body}\n`, 'utf8'),
    ascii('trailer\n<< /Root 1 0 R >>\n%%EOF\n'),
  ]);
}

export function png(): Buffer {
  const ihdr = Buffer.concat([u32(13), ascii('IHDR'), u32(1), u32(1), Buffer.from([8, 6, 0, 0, 0]), u32(0x1f15c489)]);
  const iend = Buffer.concat([u32(0), ascii('IEND'), u32(0xae426082)]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, iend]);
}

export function jpeg(): Buffer {
  const app0 = Buffer.concat([Buffer.from([0xff, 0xe0, 0x00, 0x10]), ascii('JFIF\0'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, Buffer.alloc(32), Buffer.from([0xff, 0xd9])]);
}

export function webp(): Buffer {
  const vp8 = Buffer.concat([ascii('VP8L'), Buffer.from([5, 0, 0, 0, 0x2f, 0, 0, 0, 0, 0])]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(4 + vp8.length);
  return Buffer.concat([ascii('RIFF'), size, ascii('WEBP'), vp8]);
}

/** An ID3v2.4 tag (syncsafe size 10) followed by an MPEG-1 Layer III frame header. */
export function mp3(): Buffer {
  const tag = Buffer.concat([ascii('ID3'), Buffer.from([4, 0, 0, 0, 0, 0, 10]), Buffer.alloc(10)]);
  return Buffer.concat([tag, Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);
}

/** An ISO-BMFF `ftyp` box with the given major brand, then an empty `mdat`. */
function isoMedia(brand: string, compatible: string[]): Buffer {
  const body = Buffer.concat([ascii(brand), u32(0), ...compatible.map(ascii)]);
  const ftyp = Buffer.concat([u32(8 + body.length), ascii('ftyp'), body]);
  return Buffer.concat([ftyp, u32(8 + 64), ascii('mdat'), Buffer.alloc(64)]);
}

export const m4a = () => isoMedia('M4A ', ['M4A ', 'mp42', 'isom']);
export const mp4 = () => isoMedia('isom', ['isom', 'iso2', 'avc1', 'mp41']);
/** QuickTime (an iPhone's .mov): the same container, a type we do not take. */
export const quicktime = () => isoMedia('qt  ', ['qt  ']);

/** A Linux executable's header (ELF, 64-bit, x86-64). */
export function elf(): Buffer {
  return Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(8), Buffer.from([2, 0, 0x3e, 0]), Buffer.alloc(200)]);
}

/** A Windows executable's header (MZ, then the PE signature where e_lfanew points). */
export function windowsExe(): Buffer {
  const dos = Buffer.alloc(0x80);
  dos.write('MZ', 0, 'latin1');
  dos.writeUInt32LE(0x80, 0x3c);
  return Buffer.concat([dos, ascii('PE\0\0'), Buffer.from([0x4c, 0x01]), Buffer.alloc(300)]);
}

export function html(): Buffer {
  return Buffer.from('<!doctype html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>\n', 'utf8');
}

/** "ID3" and a tag length that runs past what the first bytes show, then not an MP3 at all. */
export function fakeMp3(): Buffer {
  const tag = Buffer.concat([ascii('ID3'), Buffer.from([4, 0, 0, 0, 0, 0x40, 0])]); // 8192 bytes of tag
  return Buffer.concat([tag, Buffer.alloc(8192, 0x20), elf()]);
}
