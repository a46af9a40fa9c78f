/** SQS batch of feed ids → fetch, admit what is new, and queue it for the story stage. */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type FeedRunReport, runFeed } from '../core/pipeline/run-feed.ts';
import { buildFetcherDeps, type FetcherDeps } from '../runtime/fetcher-deps.ts';
import { once } from '../runtime/from-env.ts';
import { lambdaQueue } from '../runtime/lambda-queue.ts';
import { settings } from '../runtime/settings.ts';
import { feedMessage } from './input.ts';
import { logger } from './logger.ts';
import { count, duration, publish } from './metrics.ts';

export class UnknownFeedError extends Error {
  override name = 'UnknownFeedError';
}

function logReport(report: FeedRunReport, elapsedMs: number): void {
  const counts = { queued: 0, seen: 0, edited: 0 };
  for (const item of report.items) counts[item.kind] += 1;
  const fields = { feedId: report.feedId, outcome: report.outcome, ...counts };
  for (const page of report.pageErrors)
    logger.warn('article page not fetched', { feedId: report.feedId, ...page });
  if (report.error) logger.warn('feed failed', { ...fields, error: report.error });
  else logger.info('feed done', fields);
  count('ItemsNew', counts.queued);
  count('ItemsSeen', counts.seen);
  count('ItemsEdited', counts.edited);
  count('FeedFailures', report.error ? 1 : 0);
  duration('FeedRunTime', elapsedMs);
}

export function createFetcherHandler(
  getContainer: () => Promise<FetcherDeps>,
  onReport?: (report: FeedRunReport) => void,
) {
  const processor = new BatchProcessor(EventType.SQS);
  // Lambda passes its context; the local runner has none to pass.
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    if (context) logger.addContext(context);
    const container = await getContainer();
    const recordHandler = async (record: SQSRecord) => {
      const { feedId } = feedMessage(record.body);
      const feed = container.config.feeds.find((f) => f.id === feedId);
      if (!feed) throw new UnknownFeedError(`feed "${feedId}" is not in the configuration`);
      const started = performance.now();
      const report = await runFeed(feed, {
        ...container,
        maxItemsPerFeed: container.config.fetch.maxItemsPerFeed,
      });
      logReport(report, performance.now() - started);
      onReport?.(report);
    };
    try {
      return await processPartialResponse(event, recordHandler, processor, { context });
    } finally {
      publish();
    }
  };
}

export const handler = createFetcherHandler(
  once(async () => {
    const { env, config } = await settings();
    return buildFetcherDeps({
      config,
      tableName: env.NEWSWATCH_TABLE,
      bucket: env.NEWSWATCH_BUCKET,
      region: env.AWS_REGION,
      queue: lambdaQueue(env),
    });
  }),
);
