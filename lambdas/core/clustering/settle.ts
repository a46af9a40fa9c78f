/** Waiting on records another writer has yet to finish. */
import type { ClusterOptions } from './options.ts';
import type { ClusterIndex, IndexedItem } from './port.ts';

/** Waits for a pending item to settle; a writer that crashed mid-way is given up on after the lease. */
export async function settled(
  index: ClusterIndex,
  opts: ClusterOptions,
  item: IndexedItem,
): Promise<IndexedItem> {
  let current = item;
  while (current.state === 'pending' && Date.now() - Date.parse(current.writtenAt) < opts.pendingLeaseMs) {
    await sleep(opts.pollMs);
    const [fresh] = await index.getItems([current.itemId]);
    if (!fresh) break;
    current = fresh;
  }
  return current;
}

/** The holder of an exact key writes its record right after claiming; give it the lease to do so. */
export async function awaitItem(
  index: ClusterIndex,
  opts: ClusterOptions,
  itemId: string,
): Promise<IndexedItem | undefined> {
  const deadline = Date.now() + opts.pendingLeaseMs;
  for (;;) {
    const [item] = await index.getItems([itemId]);
    if (item || Date.now() >= deadline) return item;
    await sleep(opts.pollMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
