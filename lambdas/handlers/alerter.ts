/**
 * Sends alerts from the outbox. Invoked by SQS with the keys the fetchers queued, and by a
 * schedule that sweeps whatever is still pending (a key lost between DynamoDB and SQS, a send
 * that failed and is due again).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, ScheduledEvent, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  type DeliveryDeps,
  deliverAlert,
  type SweepReport,
  sweepPendingAlerts,
} from '../core/alerts/deliver.ts';
import { followUpsOf } from '../core/config/follow-ups.ts';
import type { AlerterDeps } from '../runtime/container.ts';
import { once, systemClock } from '../runtime/from-env.ts';
import { lambdaMailer } from '../runtime/lambda-mailer.ts';
import { lambdaStore } from '../runtime/lambda-store.ts';
import { settings } from '../runtime/settings.ts';
import { alertMessage } from './input.ts';
import { logger } from './logger.ts';
import { count, publish } from './metrics.ts';

const UNMARKED =
  'SES accepted the alert but the store refused to mark it sent: it goes out again when the claim expires';

export class AlertRetryError extends Error {
  override name = 'AlertRetryError';
}

function deliveryDeps(c: AlerterDeps): DeliveryDeps {
  const { subjectPrefix, storyBaseUrl } = c.config.alerts;
  return { ...c, subjectPrefix, storyBaseUrl };
}

function isSqsEvent(event: SQSEvent | ScheduledEvent): event is SQSEvent {
  return Array.isArray((event as SQSEvent).Records);
}

export function createAlerterHandler(getContainer: () => Promise<AlerterDeps>) {
  const processor = new BatchProcessor(EventType.SQS);
  // A batch of keys gets a partial batch response, the schedule a sweep report.
  async function handle(event: SQSEvent, context?: Context): Promise<SQSBatchResponse>;
  async function handle(event: ScheduledEvent, context?: Context): Promise<SweepReport>;
  async function handle(
    event: SQSEvent | ScheduledEvent,
    context?: Context,
  ): Promise<SQSBatchResponse | SweepReport> {
    // Lambda passes its context; the local runner has none to pass.
    if (context) logger.addContext(context);
    const deps = deliveryDeps(await getContainer());
    if (!isSqsEvent(event)) {
      const report = await sweepPendingAlerts(deps);
      logger.info('alert sweep', { sent: report.sent.length, failed: report.failed, retry: report.retry });
      if (report.unmarked.length > 0) logger.error(UNMARKED, { unmarked: report.unmarked });
      count('AlertsSent', report.sent.length + report.unmarked.length);
      count('AlertsFailed', report.failed.length);
      publish();
      return report;
    }
    const recordHandler = async (record: SQSRecord) => {
      const key = alertMessage(record.body);
      const outcome = await deliverAlert(key, deps);
      if (outcome === 'unmarked') logger.error(UNMARKED, { ...key });
      else logger.info('alert', { ...key, outcome });
      const sent = outcome === 'sent' || outcome === 'unmarked';
      count(sent ? 'AlertsSent' : 'AlertsFailed', sent || outcome === 'failed' ? 1 : 0);
      // Let SQS redeliver after its visibility timeout; the sweep is the second chance.
      if (outcome === 'retry')
        throw new AlertRetryError(`alert for ${key.storyId}/${key.topic} will be retried`);
    };
    try {
      return await processPartialResponse(event, recordHandler, processor, { context });
    } finally {
      publish();
    }
  }
  return handle;
}

export const handler = createAlerterHandler(
  once(async () => {
    const { env, config } = await settings();
    const store = lambdaStore(env);
    return {
      config,
      store,
      mailer: lambdaMailer(env, config),
      clock: systemClock,
      followUps: followUpsOf(config),
    };
  }),
);
