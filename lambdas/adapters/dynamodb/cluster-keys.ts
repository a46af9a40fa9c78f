/** Key builders for the cluster index's records; every key starts with `CLX#`. */
import { createHash } from 'node:crypto';

/** Keys are user text (GUIDs, URLs, words): long ones are hashed to stay far below 2 KB. */
const MAX_KEY_CHARS = 200;

function bounded(key: string): string {
  return key.length <= MAX_KEY_CHARS ? key : `#${createHash('sha256').update(key).digest('hex')}`;
}

export const clusterKeys = {
  item: (itemId: string) => ({ pk: `CLX#I#${bounded(itemId)}`, sk: 'I' }),
  postingPk: (key: string) => `CLX#P#${bounded(key)}`,
  /** Sorted by event time; the item id keeps two items of the same instant apart. */
  posting: (key: string, eventTime: string, itemId: string) => ({
    pk: `CLX#P#${bounded(key)}`,
    sk: `${eventTime}#${itemId}`,
  }),
  count: (day: string, feature: string) => ({ pk: `CLX#F#${day}#${bounded(feature)}`, sk: 'F' }),
  total: (day: string) => ({ pk: `CLX#N#${day}`, sk: 'N' }),
  claim: (key: string) => ({ pk: `CLX#C#${bounded(key)}`, sk: 'C' }),
  story: (storyId: string) => ({ pk: `CLX#S#${bounded(storyId)}`, sk: 'S' }),
} as const;

/** 64 32-bit values as 344 base64 characters instead of a 64-element number list. */
export function encodeMinhash(values: readonly number[]): string {
  return Buffer.from(Uint32Array.from(values).buffer).toString('base64');
}

export function decodeMinhash(encoded: string): number[] {
  // Copied into a fresh buffer: a pooled Buffer's offset need not be 4-byte aligned.
  const bytes = Uint8Array.from(Buffer.from(encoded, 'base64'));
  return Array.from(new Uint32Array(bytes.buffer, 0, Math.floor(bytes.length / 4)));
}
