/**
 * Bytes to text in a named charset. Node ships full ICU, so its TextDecoder knows every WHATWG
 * label a feed uses (windows-125x, iso-8859-x, koi8, shift_jis, euc-jp, gbk, gb18030, big5,
 * euc-kr); UTF-32, which the Encoding Standard dropped and XML still allows, is decoded here.
 * A decoding library would add half a megabyte of tables to the fetcher's bundle for the same.
 */
export type Decode = (bytes: Uint8Array) => string;

/** UTF-32 code units to text; an invalid one (a surrogate, above U+10FFFF) becomes U+FFFD. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  for (let i = 0; i + 4 <= bytes.byteLength; i += 4) {
    const unit = view.getUint32(i, littleEndian);
    const valid = unit <= 0x10ffff && (unit < 0xd800 || unit > 0xdfff);
    parts.push(String.fromCodePoint(valid ? unit : 0xfffd));
  }
  return parts.join('');
}

// windows-1252's 0x80-0x9F row (curly quotes, dashes, the euro sign); its five unassigned bytes
// decode to the C1 control of the same value, as WHATWG says.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

const C1_RE = /[\u0080-\u009f]/g;

/**
 * Node 20 decodes windows-1252 as ISO-8859-1 (nodejs/node#56542) and so loses the characters
 * feeds labelled ISO-8859-1 use most; the table above is right on every version.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(C1_RE, (c) =>
    String.fromCharCode(WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? 0xfffd),
  );
}

/** A decoder for `charset`, or undefined when no decoder knows that label. */
export function textDecoderFor(charset: string): Decode | undefined {
  const label = charset.toLowerCase();
  if (label === 'utf-32le' || label === 'utf-32be') {
    return (bytes) => decodeUtf32(bytes, label === 'utf-32le');
  }
  try {
    const decoder = new TextDecoder(label);
    return decoder.encoding === 'windows-1252' ? decodeWindows1252 : (bytes) => decoder.decode(bytes);
  } catch {
    // TextDecoder throws a RangeError for a label it does not know.
    return undefined;
  }
}
