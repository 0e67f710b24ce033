import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Result of turning raw bytes into a string, or the specific reason it could not be done. */
export type DecodeResult =
  | { ok: true; text: string; encoding: string; repairs?: Repair[] }
  | { ok: false; reason: 'empty' | 'binary' | 'undecodable'; detail: string };

/** Damage the decoder worked around; the document is kept but stored as degraded, with this reason. */
export interface Repair {
  reason: 'invalid-utf8' | 'nul-bytes';
  detail: string;
}

/** Single-byte encodings we accept from chardet; anything else in a German/English archive is more likely binary. */
const SINGLE_BYTE = new Set(['windows-1252', 'iso-8859-1', 'iso-8859-15', 'windows-1250', 'iso-8859-2']);

/** How many bytes the binary and charset sniffers look at; enough to judge, cheap on 100 MB files. */
const SNIFF_BYTES = 64 * 1024;

function bomEncoding(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

/**
 * Text files carry no NULs and few C0 controls; UTF-16 without BOM is the one legitimate NUL-rich text
 * (every other byte of ASCII text), which chardet recognizes, so that case is handed back to it.
 */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 8 || (b > 13 && b < 32 && b !== 27)) controls++;
  }
  return controls > n * 0.02;
}

function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** `<meta charset>` or `http-equiv` content type in the first bytes of an HTML page. */
function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

/** Strict WHATWG decoding for the Unicode encodings: invalid byte sequences are an error, not U+FFFD. */
function decodeUnicode(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Stray NULs in an otherwise textual file: the padding a crash leaves at the end of a preallocated file, or a few
 * corrupted bytes. Rare interior NULs (at most 1 in 1000 bytes) and any trailing run are removed when what remains
 * is valid UTF-8; anything NUL-richer is binary.
 */
function withoutStrayNuls(bytes: Uint8Array): { text: string; repair: Repair } | null {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  let interior = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0) interior++;
  const trailing = bytes.length - end;
  if (trailing + interior === 0 || end === 0 || interior > Math.max(1, end / 1000)) return null;
  const kept = new Uint8Array(end - interior);
  for (let i = 0, j = 0; i < end; i++) if (bytes[i] !== 0) kept[j++] = bytes[i]!;
  const text = decodeUnicode('utf-8', kept);
  if (text === null) return null;
  const parts = [
    interior > 0 ? `${interior} NUL bytes inside the text` : '',
    trailing > 0 ? `${trailing} NUL bytes of padding at the end` : '',
  ].filter(Boolean);
  return { text, repair: { reason: 'nul-bytes', detail: `removed ${parts.join(' and ')}` } };
}

/**
 * Length of the valid UTF-8 sequence starting at `i`, or 0 (RFC 3629: no overlongs, surrogates or values above
 * U+10FFFF).
 */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < bytes.length && bytes[i + k]! >= lo && bytes[i + k]! <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) return cont(1, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf) && cont(2) ? 3 : 0;
  if (b >= 0xf0 && b <= 0xf4)
    return cont(1, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/**
 * A UTF-8 file with some invalid bytes, as archives get when Windows-1252 text is pasted into UTF-8 or a copy is
 * cut off. Windows-1252 text only forms a valid multi-byte sequence by accident ("ß“", 0xDF 0x93, happens to be one),
 * far less often than it has invalid bytes (every umlaut before a letter), so at least one valid sequence per four
 * invalid bytes means UTF-8; each invalid byte is then read as the Windows-1252 character it most likely was, not
 * dropped.
 */
function decodeMixedUtf8(bytes: Uint8Array): { text: string; repair: Repair } | null {
  const parts: string[] = [];
  let multibyte = 0;
  let invalid = 0;
  let firstInvalid = -1;
  let runStart = 0;
  for (let i = 0; i < bytes.length;) {
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      if (length > 1) multibyte++;
      i += length;
      continue;
    }
    parts.push(
      Buffer.from(bytes.buffer, bytes.byteOffset + runStart, i - runStart).toString('utf8'),
      iconv.decode(Buffer.from([bytes[i]!]), 'windows-1252'),
    );
    if (firstInvalid < 0) firstInvalid = i;
    invalid++;
    runStart = ++i;
  }
  if (invalid === 0 || multibyte * 4 < invalid) return null;
  parts.push(Buffer.from(bytes.buffer, bytes.byteOffset + runStart, bytes.length - runStart).toString('utf8'));
  return {
    text: parts.join(''),
    repair: {
      reason: 'invalid-utf8',
      detail: `UTF-8 with ${invalid} invalid bytes (the first at byte ${firstInvalid}), read as Windows-1252`,
    },
  };
}

/**
 * Legacy single-byte encodings go through iconv-lite: Node 20's TextDecoder decodes "windows-1252" as
 * ISO-8859-1, which turns „ and “ (0x84, 0x93) into C1 control characters.
 */
function decodeLegacy(encoding: string, bytes: Uint8Array): string | null {
  return iconv.encodingExists(encoding)
    ? iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding)
    : null;
}

/**
 * Decodes raw file bytes: BOM first, then strict UTF-8 (the overwhelmingly common case, and a strict decoder
 * rejects Windows-1252 reliably), then a declared HTML charset, then chardet's statistical guess among the
 * single-byte encodings German and English archives use.
 */
export function decodeBytes(bytes: Uint8Array, options: { html?: boolean } = {}): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty', detail: 'file has 0 bytes' };

  const bom = bomEncoding(bytes);
  if (bom) {
    const text = decodeUnicode(bom.encoding, bytes.subarray(bom.skip));
    if (text === null)
      return {
        ok: false,
        reason: 'undecodable',
        detail: `byte order mark says ${bom.encoding}, but the bytes are not valid ${bom.encoding}`,
      };
    return { ok: true, text, encoding: bom.encoding };
  }

  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    const text = decodeUnicode(utf16, bytes);
    if (text !== null) return { ok: true, text, encoding: utf16 };
  }

  const stripped = withoutStrayNuls(bytes);
  if (stripped) return { ok: true, text: stripped.text, encoding: 'utf-8', repairs: [stripped.repair] };

  if (looksBinary(bytes)) {
    return { ok: false, reason: 'binary', detail: 'contains NUL or control bytes: not a text file' };
  }

  const utf8 = decodeUnicode('utf-8', bytes);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  const mixed = decodeMixedUtf8(bytes);
  if (mixed) return { ok: true, text: mixed.text, encoding: 'utf-8', repairs: [mixed.repair] };

  if (options.html) {
    const declared = declaredHtmlCharset(bytes);
    if (declared && declared !== 'utf-8' && declared !== 'utf8') {
      const text = decodeLegacy(declared, bytes);
      if (text !== null) return { ok: true, text, encoding: declared };
    }
  }

  const guesses = chardet.analyse(bytes.subarray(0, SNIFF_BYTES));
  const guess = guesses.find((g) => SINGLE_BYTE.has(g.name.toLowerCase()));
  // Windows-1252 is a superset of ISO-8859-1's printable range and what "Latin-1" files really are.
  const encoding = guess
    ? guess.name.toLowerCase() === 'iso-8859-1'
      ? 'windows-1252'
      : guess.name.toLowerCase()
    : null;
  if (!encoding) {
    return {
      ok: false,
      reason: 'undecodable',
      detail: `not valid UTF-8 and no known single-byte encoding fits (best guess: ${guesses[0]?.name ?? 'none'})`,
    };
  }
  const text = decodeLegacy(encoding, bytes);
  if (text === null) return { ok: false, reason: 'undecodable', detail: `cannot decode as ${encoding}` };
  return { ok: true, text, encoding };
}
