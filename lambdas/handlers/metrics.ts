/** CloudWatch metrics (embedded metric format). Local runs disable them: see commands/run.ts. */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export const metrics = new Metrics({ namespace: 'newswatch', serviceName: 'newswatch' });

export function count(name: string, value: number): void {
  if (value > 0) metrics.addMetric(name, MetricUnit.Count, value);
}

/** Flushes what this invocation counted; an invocation that counted nothing publishes nothing. */
export function publish(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
