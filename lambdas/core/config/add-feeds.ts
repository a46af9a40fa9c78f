/**
 * Adds feeds to the configuration's text as an edit of the document, not a rewrite: the new
 * entries are inserted after the last one, one line each, and every other byte stays as the user
 * wrote it (comments, spacing, flow or block style, quoting). The parsed document only says where.
 */
import { isMap, isSeq, type Node, parseDocument, type YAMLSeq } from 'yaml';
import { ConfigError } from './errors.ts';
import { feedEntryProblems } from './schema.ts';

export interface NewFeed {
  url: string;
  /** The outlet's name, if the source gives one. */
  outlet?: string;
}

export interface AddedFeeds<F extends NewFeed> {
  text: string;
  added: F[];
  /** Already configured, by URL (or listed twice in what was added). */
  present: F[];
  /** Not valid as a feed entry: each with the reasons, in the configuration's terms. */
  refused: { feed: F; problems: string[] }[];
}

export function addFeeds<F extends NewFeed>(text: string, feeds: readonly F[]): AddedFeeds<F> {
  const doc = parseDocument(text);
  if (doc.errors.length > 0)
    throw new ConfigError(`not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`);
  const seq = doc.get('feeds', true);
  if (!isSeq(seq) || !seq.range) throw new ConfigError('the configuration has no feeds: list to add to');
  const entries = seq.items.filter(isMap);
  const urls = new Set(entries.map((f) => String(f.get('url'))));
  const ids = new Set(entries.map((f) => String(f.get('id'))));
  const result: AddedFeeds<F> = { text, added: [], present: [], refused: [] };
  const lines: string[] = [];
  for (const feed of feeds) {
    if (urls.has(feed.url)) {
      result.present.push(feed);
      continue;
    }
    const entry = { id: uniqueId(feed, ids), url: feed.url, ...(feed.outlet ? { outlet: feed.outlet } : {}) };
    const problems = feedEntryProblems(entry);
    if (problems.length > 0) {
      ids.delete(entry.id);
      result.refused.push({ feed, problems });
      continue;
    }
    urls.add(feed.url);
    result.added.push(feed);
    lines.push(flowEntry(entry));
  }
  if (lines.length === 0) return result;
  result.text = seq.flow ? insertFlowItems(text, seq, lines) : insertBlockItems(text, seq, lines);
  return result;
}

/** `{ id: …, url: "…", outlet: … }`, quoted wherever a YAML 1.1 reader would misread it. */
function flowEntry(entry: { id: string; url: string; outlet?: string }): string {
  const outlet = entry.outlet === undefined ? '' : `, outlet: ${scalar(entry.outlet)}`;
  // A URL may hold `?`, `:`, `#`, `&` or `,`, each special somewhere in YAML: it is always quoted.
  return `{ id: ${scalar(entry.id)}, url: ${JSON.stringify(entry.url)}${outlet} }`;
}

/** Words YAML 1.1 (PyYAML and others) reads as booleans or null, whatever YAML 1.2 says. */
const YAML11_WORDS = /^(y|n|yes|no|on|off|true|false|null|~)$/i;

/**
 * Plain when it reads as the same string in YAML 1.1 and 1.2, in a flow mapping; else a
 * double-quoted scalar (JSON's escapes are YAML's).
 */
function scalar(value: string): string {
  const plain =
    /^[A-Za-z][A-Za-z0-9 ._'-]*$/.test(value) && !value.endsWith(' ') && !YAML11_WORDS.test(value);
  return plain ? value : JSON.stringify(value);
}

/**
 * New lines go after the line the last item ends on (its comment included), indented as that
 * item's dash is.
 */
function insertBlockItems(text: string, seq: YAMLSeq, lines: string[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const last = seq.items.at(-1) as Node | undefined;
  const [start, end] = last?.range ?? seq.range ?? [0, 0];
  const dashLine = text.lastIndexOf('\n', start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(dashLine))?.[0] ?? '';
  const items = lines.map((line) => `${indent}- ${line}${eol}`).join('');
  const lineEnd = text.indexOf('\n', Math.max(end - 1, start));
  if (lineEnd === -1) return `${text}${eol}${items}`;
  return `${text.slice(0, lineEnd + 1)}${items}${text.slice(lineEnd + 1)}`;
}

/** `feeds: [ … ]`: the new entries go before the closing bracket, comma-separated. */
function insertFlowItems(text: string, seq: YAMLSeq, lines: string[]): string {
  const close = text.lastIndexOf(']', (seq.range?.[1] ?? text.length) - 1);
  const before = text.slice(0, close).replace(/\s*$/, '');
  const lead = seq.items.length > 0 ? ', ' : ' ';
  return `${before}${lead}${lines.join(', ')} ${text.slice(close)}`;
}

/** A feed id from the outlet's name or the URL's host, made unique with -2, -3… */
function uniqueId(feed: NewFeed, taken: Set<string>): string {
  const base =
    slug(feed.outlet ?? '') || slug(URL.canParse(feed.url) ? new URL(feed.url).hostname : '') || 'feed';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 60)}-${n}`;
  taken.add(id);
  return id;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}
