/**
 * The schedule expression (`rate(N unit)`): its bounds, and its interval for the local runner and
 * the health measurement. Free of the schema, so a Lambda bundle that needs the interval does not
 * carry the validator.
 */
const SCHEDULE_RE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const MINUTES_PER = { minute: 1, hour: 60, day: 1440 } as const;
// EventBridge's smallest rate is one minute. The local runner sleeps between runs with a Node
// timer, which fires at once past 24.8 days, so a week is the longest interval accepted.
const MAX_SCHEDULE_MINUTES = 7 * 1440;

/** EventBridge wants the singular unit for 1 and the plural otherwise, and a value of at least 1. */
export function scheduleProblem(expression: string): string | undefined {
  const match = SCHEDULE_RE.exec(expression);
  if (!match) return 'expected rate(N minutes|hours|days)';
  const value = Number(match[1]);
  const unit = (match[2] ?? 'minute').replace(/s$/, '') as keyof typeof MINUTES_PER;
  if (value < 1) return `${expression}: the rate must be at least 1`;
  if ((value === 1) !== (match[2] === unit))
    return `${expression}: write rate(1 ${unit}) or rate(N ${unit}s)`;
  if (value * MINUTES_PER[unit] > MAX_SCHEDULE_MINUTES) return `${expression}: at most once a week (7 days)`;
  return undefined;
}

/** The schedule as milliseconds, for the local runner's repeat; the schema has validated it. */
export function scheduleIntervalMs(expression: string): number {
  const [, value = '15', unit = 'minutes'] = SCHEDULE_RE.exec(expression) ?? [];
  return Number(value) * MINUTES_PER[unit.replace(/s$/, '') as keyof typeof MINUTES_PER] * 60_000;
}
