/**
 * SQS FIFO batch of admitted items → the story stage → alert keys to the alert queue. One message
 * group and a reserved concurrency of one make this the stage's only instance, so its window of
 * open stories lives in this function's memory between invocations (core/stage/).
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { QueuedItem } from '../core/model.ts';
import type { WorkQueue } from '../core/ports.ts';
import type { StageReport, StoryStage } from '../core/stage/stage.ts';
import { once } from '../runtime/from-env.ts';
import { lambdaStage } from '../runtime/lambda-stage.ts';
import { settings } from '../runtime/settings.ts';
import { itemMessage } from './input.ts';
import { logger } from './logger.ts';
import { count, duration, publish } from './metrics.ts';

export interface StageHandlerDeps {
  stage: StoryStage;
  queue: WorkQueue;
}

/**
 * Messages up to the first malformed one. FIFO order means nothing after a failed message may be
 * processed before it: those are handed back with it.
 */
function readBatch(records: SQSRecord[]): { items: QueuedItem[]; failed: SQSRecord[] } {
  const items: QueuedItem[] = [];
  for (const [i, record] of records.entries()) {
    try {
      items.push(itemMessage(record.body));
    } catch (err) {
      logger.error('malformed story-stage message', { messageId: record.messageId, error: err as Error });
      return { items, failed: records.slice(i) };
    }
  }
  return { items, failed: [] };
}

function logReport(report: StageReport, elapsedMs: number): void {
  const opened = report.assigned.filter((a) => a.membership.isNew).length;
  logger.info('stage batch', {
    assigned: report.assigned.length,
    storiesNew: opened,
    repeated: report.repeated.length,
    parked: report.parked.length,
    alertsQueued: report.alertsQueued.length,
  });
  for (const { item, error } of report.parked)
    logger.error('item parked', { itemId: item.id, feedId: item.feedId, url: item.url, error });
  count('ItemsParked', report.parked.length);
  count('StoriesNew', opened);
  count('ItemsAssigned', report.assigned.length);
  duration('StageBatchTime', elapsedMs);
}

export function createStageHandler(
  getDeps: () => Promise<StageHandlerDeps>,
  onReport?: (report: StageReport) => void,
) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const { stage, queue } = await getDeps();
    const { items, failed } = readBatch(event.Records);
    const started = performance.now();
    try {
      // A failure here fails the whole batch: SQS redelivers it in order, and the stage skips
      // what it already decided.
      const report = await stage.process(items);
      await queue.sendAlerts(report.alertsQueued);
      logReport(report, performance.now() - started);
      onReport?.(report);
    } finally {
      publish();
    }
    return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId })) };
  };
}

export const handler = createStageHandler(
  once(async () => {
    const { env, config } = await settings();
    return lambdaStage(env, config);
  }),
);
