// Bytes to text for feeds and calendars in any encoding the network's sources use (ISO-8859-2 for
// Slovenian, Czech and Polish, ISO-8859-1/windows-1252 for Italian, UTF-16 from some exporters).
// The encoding is found as XML says (RFC 7303 / XML 1.0 appendix F): a byte-order mark first, then
// the HTTP charset, then the XML declaration (or UTF-16 recognised by its first bytes), else UTF-8;
// undeclared bytes that are not valid UTF-8 are read as windows-1252. iconv-lite does the decoding.
import iconv from 'iconv-lite';

/** The charset parameter of a Content-Type header, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)"?/i);
  return m?.[1]?.toLowerCase();
}

function bomEncoding(bytes: Uint8Array): { encoding: string; skip: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return undefined;
}

/** The XML declaration's encoding, reading UTF-16 without a BOM by its "<?" bytes. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'utf-16be';
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  return head.match(/^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/)?.[1]?.toLowerCase();
}

/** What a label means in practice: browsers read ISO-8859-1 and ASCII as windows-1252, a superset. */
function normalise(label: string): string {
  const l = label.toLowerCase();
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'us-ascii', 'ascii', 'l1', 'cp819'].includes(l)) return 'windows-1252';
  // A UTF-16 label without a BOM or a byte pattern means big-endian (RFC 2781).
  if (l === 'utf-16' || l === 'utf16') return 'utf-16be';
  return l;
}

const isUtf8 = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Decodes a whole document; `contentType` is the HTTP header when the bytes came over HTTP. */
export function decodeDocument(bytes: Uint8Array, contentType?: string): string {
  const bom = bomEncoding(bytes);
  let encoding = bom?.encoding;
  let body = bom ? bytes.subarray(bom.skip) : bytes;
  if (!encoding) {
    const declared = charsetOf(contentType) ?? declaredEncoding(bytes);
    if (declared && iconv.encodingExists(normalise(declared))) encoding = normalise(declared);
    else encoding = isUtf8(bytes) ? 'utf-8' : 'windows-1252';
  }
  // UTF-16 content declared by label only: honour the byte pattern when it says little-endian.
  if (encoding === 'utf-16be' && !bom && declaredEncoding(bytes) === 'utf-16le') encoding = 'utf-16le';
  body = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return iconv.decode(body as Buffer, encoding).replace(/^\uFEFF/, '');
}
