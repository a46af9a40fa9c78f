import { textDecoderFor } from '../text-decoder.ts';
import { FeedParseError } from './errors.ts';

export type CharsetSource = 'bom' | 'header' | 'xml-declaration' | 'default';

export interface DetectedCharset {
  charset: string;
  source: CharsetSource;
  /** Bytes to skip before decoding (the BOM). */
  skip: number;
}

// UTF-32LE's BOM starts with UTF-16LE's, so it is tried first.
const BOMS: Array<{ bytes: number[]; charset: string }> = [
  { bytes: [0x00, 0x00, 0xfe, 0xff], charset: 'utf-32be' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], charset: 'utf-32le' },
  { bytes: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
  { bytes: [0xff, 0xfe], charset: 'utf-16le' },
  { bytes: [0xfe, 0xff], charset: 'utf-16be' },
];

function bomCharset(body: Uint8Array): DetectedCharset | undefined {
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => body[i] === b)) {
      return { charset: bom.charset, source: 'bom', skip: bom.bytes.length };
    }
  }
  return undefined;
}

function headerCharset(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return match?.[2]?.toLowerCase();
}

/** UTF-16/32 without a BOM still start with '<' in wide units; the declaration is then unreadable as ASCII. */
function wideWithoutBom(body: Uint8Array): string | undefined {
  if (body[0] === 0 && body[1] === 0 && body[2] === 0 && body[3] === 0x3c) return 'utf-32be';
  if (body[0] === 0x3c && body[1] === 0 && body[2] === 0 && body[3] === 0) return 'utf-32le';
  if (body[0] === 0x3c && body[1] === 0 && body[2] === 0x3f && body[3] === 0) return 'utf-16le';
  if (body[0] === 0 && body[1] === 0x3c && body[2] === 0 && body[3] === 0x3f) return 'utf-16be';
  return undefined;
}

function declaredCharset(body: Uint8Array): string | undefined {
  // The declaration is ASCII in every charset a feed can use, so latin1 is a safe lens for it.
  const head = Buffer.from(body.subarray(0, 512)).toString('latin1');
  const match = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1]?.toLowerCase();
}

/** Charset precedence: BOM, then the HTTP header, then the XML declaration, then UTF-8 (also JSON's default). */
export function detectCharset(body: Uint8Array, contentType?: string): DetectedCharset {
  const bom = bomCharset(body);
  if (bom) return bom;
  const header = headerCharset(contentType);
  if (header) return { charset: header, source: 'header', skip: 0 };
  const wide = wideWithoutBom(body);
  if (wide) return { charset: wide, source: 'xml-declaration', skip: 0 };
  const declared = declaredCharset(body);
  if (declared) return { charset: declared, source: 'xml-declaration', skip: 0 };
  return { charset: 'utf-8', source: 'default', skip: 0 };
}

/**
 * Labels that name a charset the decoder knows under another name, or that browsers treat as a
 * superset (WHATWG): a feed declaring ISO-8859-1 almost always contains windows-1252 quotes.
 */
const ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'x-sjis': 'shift_jis',
  'x-euc-jp': 'euc-jp',
  'utf-16': 'utf-16be',
};

const SINGLE_BYTE_LABELS = new Set([
  'iso-8859-1',
  'iso8859-1',
  'latin1',
  'us-ascii',
  'ascii',
  'windows-1252',
]);

function isUtf8WithNonAscii(body: Uint8Array): boolean {
  if (!body.some((b) => b >= 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    // Not valid UTF-8: the single-byte label the server sent is believable.
    return false;
  }
}

/**
 * Servers often label every response ISO-8859-1 by default. When such a header meets a body that
 * declares UTF-8 (or nothing) and is valid UTF-8 with multi-byte sequences, the body is right:
 * Latin-1 text almost never forms valid UTF-8 sequences by accident.
 */
function overrideDefaultHeader(detected: DetectedCharset, body: Uint8Array): DetectedCharset {
  if (detected.source !== 'header' || !SINGLE_BYTE_LABELS.has(detected.charset)) return detected;
  const declared = declaredCharset(body);
  if (declared !== undefined && declared !== 'utf-8' && declared !== 'utf8') return detected;
  return isUtf8WithNonAscii(body) ? { charset: 'utf-8', source: 'xml-declaration', skip: 0 } : detected;
}

export function decodeBody(body: Uint8Array, contentType?: string): { text: string; charset: string } {
  const detected = overrideDefaultHeader(detectCharset(body, contentType), body);
  const charset = ALIASES[detected.charset] ?? detected.charset;
  const decode = textDecoderFor(charset);
  if (!decode) {
    throw new FeedParseError(
      'unknown-charset',
      `unknown charset "${detected.charset}" (from ${detected.source})`,
    );
  }
  const bytes = Buffer.from(body.buffer, body.byteOffset + detected.skip, body.byteLength - detected.skip);
  return { text: decode(bytes), charset: detected.charset };
}
