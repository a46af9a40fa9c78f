/** CloudWatch metrics (embedded metric format). Local runs disable them: see commands/run.ts. */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

const metrics = new Metrics({ namespace: 'newswatch', serviceName: 'newswatch' });

export function count(name: string, value: number): void {
  if (value > 0) metrics.addMetric(name, MetricUnit.Count, value);
}

/** A level measured on each run: zero is published too, so an alarm sees it recover. */
export function gauge(name: string, value: number): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

export function duration(name: string, ms: number): void {
  metrics.addMetric(name, MetricUnit.Milliseconds, ms);
}

/** Flushes what this invocation counted; an invocation that counted nothing publishes nothing. */
export function publish(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
