/** What every step of an assignment shares: built once per clusterer, handed on as one value. */
import type { Clock } from '../../ports.ts';
import type { ClusterOptions } from '../options.ts';
import type { ClusterIndex } from '../port.ts';

export interface Engine {
  index: ClusterIndex;
  opts: ClusterOptions;
  /** Record times, leases and expiries; the published times of items come with the items. */
  clock: Clock;
}
