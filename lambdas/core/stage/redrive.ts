/**
 * Parked items back to the story stage (`newswatch items redrive`): each is queued again as it
 * came, then taken off the parked list. Queued before it is unparked, so a failure between the
 * two leaves it listed, and queued twice at worst: the stage skips an item it already assigned.
 */
import type { Store, WorkQueue } from '../ports.ts';

export async function redriveParked(store: Store, queue: Pick<WorkQueue, 'sendItems'>): Promise<string[]> {
  const parked = await store.listParked();
  const done: string[] = [];
  for (const { item } of parked) {
    await queue.sendItems([item]);
    await store.unparkItem(item.id);
    done.push(item.id);
  }
  return done;
}
