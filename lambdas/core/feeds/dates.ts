const MAX_DATE_LENGTH = 100;

/** Zone abbreviations RFC 822 allows, plus the few that real feeds add. Offsets in minutes. */
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  BST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  WET: 0,
  WEST: 60,
  JST: 540,
  KST: 540,
  IST: 330,
  AEST: 600,
  AEDT: 660,
  ACST: 570,
  AWST: 480,
  NZST: 720,
  NZDT: 780,
  HKT: 480,
  SGT: 480,
  MSK: 180,
};

/** Month abbreviations in English and the languages news feeds most often localise pubDate into. */
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  // pt, es, it, de, fr
  fev: 2,
  abr: 4,
  mai: 5,
  ago: 8,
  set: 9,
  out: 10,
  dez: 12,
  ene: 1,
  dic: 12,
  gen: 1,
  mag: 5,
  giu: 6,
  lug: 7,
  ott: 10,
  okt: 10,
  avr: 4,
  aou: 8,
  juin: 6,
  juil: 7,
};

function monthNumber(name: string): number | undefined {
  const key = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return MONTHS[key.slice(0, 4)] ?? MONTHS[key.slice(0, 3)];
}

function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === '') return 0;
  const numeric = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const sign = numeric[1] === '-' ? -1 : 1;
    return sign * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  }
  return ZONES[zone.toUpperCase()];
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  offset: number;
}

function toIso(p: Parts): string | undefined {
  if (
    p.month < 1 ||
    p.month > 12 ||
    p.day < 1 ||
    p.day > 31 ||
    p.hour > 24 ||
    p.minute > 59 ||
    p.second > 60
  ) {
    return undefined;
  }
  const utc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, Math.min(p.second, 59), p.ms);
  const date = new Date(utc - p.offset * 60_000);
  if (Number.isNaN(date.getTime()) || new Date(utc).getUTCDate() !== p.day) return undefined;
  return date.toISOString();
}

// 2003-12-13T18:30:02.25+01:00, 2003-12-13 18:30Z, 2003-12-13, 20031213T183002Z. No zone means UTC.
const ISO =
  /^(\d{4})-?(\d{2})(?:-?(\d{2}))?(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})?)?$/i;

function parseIso(s: string): string | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const offset = offsetMinutes(m[8]);
  if (offset === undefined) return undefined;
  return toIso({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3] ?? 1),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    ms: Math.round(Number(`0.${m[7] ?? '0'}`) * 1000),
    offset,
  });
}

// Tue, 10 Jun 2003 04:00:00 GMT; 10 Jun 03 04:00 +0100; Tuesday, 10-Jun-2003 04:00:00 EST.
const RFC822 =
  /^(?:\p{L}+\.?,?\s*)?(\d{1,2})[\s-]+(\p{L}{3,})\.?[\s-]+(\d{2,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(?:([+-]\d{2}:?\d{2}|[A-Za-z]{1,5})(?:\s*\(.*\))?)?$/u;

// Sat, Dec 16 2023 02:02:33 PM; Dec 16, 2023 2:02 pm EST (US order, 12-hour clock).
const US =
  /^(?:\p{L}+\.?,?\s*)?(\p{L}{3,})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?$/u;

function parseUs(s: string): string | undefined {
  const m = US.exec(s);
  if (!m) return undefined;
  const month = monthNumber(m[1] ?? '');
  const offset = offsetMinutes(m[8]);
  if (month === undefined || offset === undefined) return undefined;
  const hour12 = Number(m[4] ?? 0) % 12;
  const pm = m[7]?.toLowerCase() === 'pm';
  return toIso({
    year: Number(m[3]),
    month,
    day: Number(m[2]),
    hour: m[7] ? hour12 + (pm ? 12 : 0) : Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    ms: 0,
    offset,
  });
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  return n < 50 ? 2000 + n : 1900 + n;
}

function parseRfc822(s: string): string | undefined {
  const m = RFC822.exec(s);
  if (!m) return undefined;
  const month = monthNumber(m[2] ?? '');
  const offset = offsetMinutes(m[7]);
  if (month === undefined || offset === undefined) return undefined;
  return toIso({
    year: fullYear(m[3] ?? ''),
    month,
    day: Number(m[1]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    ms: 0,
    offset,
  });
}

/**
 * A feed date as ISO 8601 UTC, or undefined. Explicit zones are honoured; a date without a zone is
 * read as UTC (never the host's local time, which differs between a laptop and Lambda).
 */
export function parseDate(value: string | undefined): string | undefined {
  const s = value?.trim().replace(/\s+/g, ' ');
  // No real date is this long; the cap keeps hostile text away from the date patterns.
  if (!s || s.length > MAX_DATE_LENGTH) return undefined;
  return parseIso(s) ?? parseRfc822(s) ?? parseUs(s);
}
