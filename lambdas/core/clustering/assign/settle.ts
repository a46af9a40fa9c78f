import type { IndexedItem } from '../port.ts';
import type { Engine } from './engine.ts';

/** Waits for a pending item to settle; a writer that crashed mid-way is given up on after the lease. */
export async function settled(engine: Engine, item: IndexedItem): Promise<IndexedItem> {
  const { index, opts } = engine;
  let current = item;
  while (
    current.state === 'pending' &&
    engine.clock.now().getTime() - Date.parse(current.writtenAt) < opts.pendingLeaseMs
  ) {
    await sleep(opts.pollMs);
    const [fresh] = await index.getItems([current.itemId]);
    if (!fresh) break;
    current = fresh;
  }
  return current;
}

/** The holder of an exact key writes its record right after claiming; give it the lease to do so. */
export async function awaitItem(engine: Engine, itemId: string): Promise<IndexedItem | undefined> {
  const { index, opts } = engine;
  const deadline = engine.clock.now().getTime() + opts.pendingLeaseMs;
  for (;;) {
    const [item] = await index.getItems([itemId]);
    if (item || engine.clock.now().getTime() >= deadline) return item;
    await sleep(opts.pollMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
