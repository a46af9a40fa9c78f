import { type Decode, decodeWindows1252, textDecoderFor } from '../text-decoder.ts';

/**
 * Bytes of an HTML page to text, the way a browser picks the charset: BOM, then the HTTP header,
 * then a <meta> charset near the top; failing all three, UTF-8 if the bytes are valid UTF-8,
 * else windows-1252 (the web's legacy default). A label nobody knows is skipped, not fatal: a
 * page in a slightly wrong charset still yields most of its words.
 */
const SNIFF_BYTES = 4096;

function bomCharset(body: Uint8Array): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function headerCharset(contentType: string | undefined): string | undefined {
  return contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i)?.[1];
}

function metaCharset(body: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(body.subarray(0, SNIFF_BYTES));
  return (
    head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i)?.[1] ??
    head.match(/<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i)?.[1]
  );
}

// An unknown label (a typo, an invented name) means: keep looking for a usable one.
const decoderFor = (label: string | undefined): Decode | undefined =>
  label ? textDecoderFor(label) : undefined;

function guess(body: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    // Not valid UTF-8 and nothing declared: legacy Western pages are the usual case.
    return decodeWindows1252(body);
  }
}

export function decodeHtml(body: Uint8Array, contentType?: string): string {
  const decoder =
    decoderFor(bomCharset(body)) ?? decoderFor(headerCharset(contentType)) ?? decoderFor(metaCharset(body));
  return decoder ? decoder(body) : guess(body);
}
