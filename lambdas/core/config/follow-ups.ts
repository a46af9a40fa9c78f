/** The `alerts.updates` section as the alerter uses it. */
import type { Config } from './schema.ts';

/** Topic → outlet count of its follow-up, for the topics that asked for one. */
export function followUpsOf(config: Config): ReadonlyMap<string, number> {
  return new Map(
    Object.entries(config.alerts.updates).flatMap(([topic, u]) => (u === 'none' ? [] : [[topic, u.outlets]])),
  );
}
