/**
 * A ZIP archive without compression ("stored", method 0): local headers, the data, a central directory
 * and its end record (PKWARE APPNOTE 6.3.x, sections 4.3 and 4.4), enough for the QTI package Canvas
 * imports. No ZIP64 (each file and the archive under 4 GiB), file names in UTF-8 (flag bit 11), a fixed
 * timestamp (1980-01-01 00:00) so the same input gives the same bytes.
 *
 * @packageDocumentation
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; // the reflected CRC-32 polynomial 0x04C11DB7
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 (ISO 3309, as ZIP and PNG use it).
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode("123456789")); // 0xcbf43926, the standard check value
 * ```
 */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The bytes of a stored ZIP archive holding `files` (path inside the archive → text or bytes), in the
 * order given.
 *
 * @throws RangeError when a file or the archive would need ZIP64 (4 GiB or more, or 65535 files)
 * @example
 * ```ts
 * writeFileSync("quiz.zip", storedZip([["imsmanifest.xml", manifest], ["quiz/quiz.xml", xml]]));
 * ```
 */
export function storedZip(files: readonly [string, string | Uint8Array][]): Uint8Array {
  if (files.length >= 0xffff) throw new RangeError(`files must number fewer than 65535 (no ZIP64), got ${files.length}`);
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const [name, content] of files) {
    const data = typeof content === "string" ? encoder.encode(content) : content;
    const nameBytes = encoder.encode(name);
    if (data.length >= 0xffffffff) throw new RangeError(`file ${name} must be under 4 GiB (no ZIP64), got ${data.length} bytes`);
    const crc = crc32(data);
    const local = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true); // local file header signature
    lv.setUint16(4, 20, true); // version needed: 2.0
    lv.setUint16(6, 0x0800, true); // flag bit 11: UTF-8 names
    lv.setUint16(8, 0, true); // method 0: stored
    lv.setUint16(10, 0, true); // time 00:00
    lv.setUint16(12, DOS_DATE, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true); // compressed size
    lv.setUint32(22, data.length, true); // uncompressed size
    lv.setUint16(26, nameBytes.length, true);
    lv.setUint16(28, 0, true); // extra field length
    local.set(nameBytes, 30);
    const central = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true); // central directory header signature
    cv.setUint16(4, 20, true); // version made by
    cv.setUint16(6, 20, true); // version needed
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, 0, true);
    cv.setUint16(12, 0, true);
    cv.setUint16(14, DOS_DATE, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    // extra, comment, disk number, internal and external attributes: 0
    cv.setUint32(42, offset, true); // the local header's offset
    central.set(nameBytes, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  if (offset + centralSize >= 0xffffffff) throw new RangeError(`the archive must be under 4 GiB (no ZIP64), got ${offset + centralSize} bytes`);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true); // end of central directory signature
  ev.setUint16(8, files.length, true); // entries on this disk
  ev.setUint16(10, files.length, true); // entries in total
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true); // where the central directory starts
  const parts = [...locals, ...centrals, end];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
