/**
 * The fetcher's half of an item's path: decide whether it is new, and if so archive its text and
 * hand it to the story stage. Everything a retry must not repeat is keyed: the item record (written
 * by the stage) says "stored", the URL claim says "this article already has an item", and the
 * stage skips an item it already assigned. The claim is written before the item is queued, and
 * held by the item's own id, so a fetcher that dies after claiming queues the item on its retry.
 */
import type { Article, QueuedItem } from '../model.ts';
import type { Archive, Store } from '../ports.ts';

export type AdmitOutcome =
  | { kind: 'seen'; itemId: string; reason: 'stored' | 'same-url' }
  | { kind: 'edited'; itemId: string }
  | { kind: 'queued'; itemId: string; item: QueuedItem };

export interface AdmitDeps {
  store: Store;
  archive: Archive;
}

/**
 * A queue message holds the text the stage tags and clusters: the first 40,000 characters
 * (about 7,000 words, far beyond the 300 words clustering reads) keep every message under
 * SQS's 256 KB even in a three-byte script. The whole text is in the archive under `textKey`.
 */
export const QUEUED_TEXT_CHARS = 40_000;

const utf8 = (text: string) => new TextEncoder().encode(text);

async function archiveText(archive: Archive, text: string): Promise<string | undefined> {
  return text ? archive.put('text', utf8(text), 'text/plain; charset=utf-8') : undefined;
}

async function edit(item: Article, deps: AdmitDeps, stored: { textKey?: string; textLength: number }) {
  // Known items are not re-fetched from their page, so an edit may carry only the feed's summary:
  // keep the fuller text already archived.
  const fuller = item.text.length >= stored.textLength;
  await deps.store.editItem({
    id: item.id,
    title: item.title,
    summary: item.summary,
    contentHash: item.contentHash,
    textKey: fuller ? await archiveText(deps.archive, item.text) : stored.textKey,
    textLength: fuller ? item.text.length : stored.textLength,
  });
}

export async function admitItem(item: Article, deps: AdmitDeps): Promise<AdmitOutcome> {
  const stored = await deps.store.getItem(item.id);
  if (stored) {
    if (stored.contentHash === item.contentHash) return { kind: 'seen', itemId: item.id, reason: 'stored' };
    await edit(item, deps, stored);
    return { kind: 'edited', itemId: item.id };
  }
  if (item.url && (await deps.store.claimUrl(item.url, item.id)) !== item.id)
    return { kind: 'seen', itemId: item.id, reason: 'same-url' };
  const textKey = await archiveText(deps.archive, item.text);
  const queued: QueuedItem = {
    ...item,
    text: item.text.slice(0, QUEUED_TEXT_CHARS),
    textLength: item.text.length,
    ...(textKey ? { textKey } : {}),
  };
  return { kind: 'queued', itemId: item.id, item: queued };
}
