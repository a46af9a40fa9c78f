/**
 * Pages that are not the article: a consent wall, a paywall or a "verify you are human" page that
 * an outlet serves for every URL. The rule: a text that several different URLs of one feed
 * extract to is not any one article's text. Within one poll, two items with different URLs whose
 * pages extract to the same text both keep the feed's own text; across polls, the feed's state
 * keeps a bounded list of recent page-text hashes with the URL that produced each, so one item a
 * poll served the same page as an earlier item is caught too.
 */
import { createHash } from 'node:crypto';
import type { PageTextSeen } from '../model.ts';

/** How many recent page texts a feed remembers: a poll's worth of items and then some. */
export const RECENT_PAGE_TEXTS = 100;

/**
 * Hash of the text as a reader would compare it: case, punctuation, links and any word with a
 * digit in it (request ids like "18.2f4c1a", dates, the return URL a consent page names) do not
 * make two walls different.
 */
export function pageTextHash(text: string): string {
  const normalised = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[^\s]*\p{N}[^\s]*/gu, ' 0 ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return createHash('sha256').update(normalised).digest('hex').slice(0, 24);
}

export interface PageTextCandidate {
  url: string;
  hash: string;
}

/**
 * The hashes among `candidates` that are not an article's text: produced in this poll by two or
 * more different URLs, or remembered from an earlier poll for another URL (or for several).
 */
export function interstitialHashes(
  candidates: readonly PageTextCandidate[],
  recent: readonly PageTextSeen[],
): Set<string> {
  const urlsByHash = new Map<string, Set<string>>();
  for (const { url, hash } of candidates) {
    const urls = urlsByHash.get(hash) ?? new Set<string>();
    urls.add(url);
    urlsByHash.set(hash, urls);
  }
  const remembered = new Map(recent.map((seen) => [seen.hash, seen.url]));
  const found = new Set<string>();
  for (const [hash, urls] of urlsByHash) {
    if (urls.size > 1) found.add(hash);
    else if (remembered.has(hash)) {
      const url = remembered.get(hash);
      if (url === undefined || !urls.has(url)) found.add(hash);
    }
  }
  return found;
}

/**
 * The feed's list after this poll: this poll's hashes first (an interstitial's without a URL, so
 * it stays one for every URL), then the older ones not seen again, at most RECENT_PAGE_TEXTS.
 */
export function rememberPageTexts(
  recent: readonly PageTextSeen[],
  candidates: readonly PageTextCandidate[],
  interstitial: ReadonlySet<string>,
  limit = RECENT_PAGE_TEXTS,
): PageTextSeen[] {
  const next: PageTextSeen[] = [];
  const added = new Set<string>();
  for (const { url, hash } of candidates) {
    if (added.has(hash)) continue;
    added.add(hash);
    next.push(interstitial.has(hash) ? { hash } : { hash, url });
  }
  for (const seen of recent) {
    if (added.has(seen.hash)) continue;
    added.add(seen.hash);
    next.push(seen);
  }
  return next.slice(0, limit);
}
