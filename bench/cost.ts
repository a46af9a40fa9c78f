/**
 * Monthly AWS cost for 100, 1,000 and 10,000 feeds polled every 15 minutes, from the per-item and
 * per-poll figures bench/storage.ts measures in the same run. What is measured and what is
 * assumed is printed beside each line: prices (us-east-1, on-demand, December 2026 list prices),
 * how many new items a feed publishes, and the network latency a Lambda waits for per round trip.
 * docs/cost.md is this output, explained.
 *
 *   npx tsx bench/cost.ts [--items-per-feed-day 20]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measure, type StorageFigures } from './storage.ts';

const PRICE = {
  dynamoWriteUnit: 0.625 / 1e6,
  dynamoReadUnit: 0.125 / 1e6,
  dynamoGbMonth: 0.25,
  /** Point-in-time recovery (continuous backups), per GB-month of the table. */
  dynamoPitrGbMonth: 0.2,
  s3Put: 0.005 / 1000,
  s3Get: 0.0004 / 1000,
  s3GbMonth: 0.023,
  lambdaGbSecondArm: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  sqsStandardRequest: 0.4 / 1e6,
  sqsFifoRequest: 0.5 / 1e6,
  /** SES bills each recipient of a message as one email. */
  sesRecipient: 0.1 / 1000,
  httpApiRequest: 1 / 1e6,
  logsIngestGb: 0.5,
  logsStoredGbMonth: 0.03,
  alarm: 0.1,
  dashboard: 3,
  customMetric: 0.3,
  /** Cognito user pools per monthly active user: Essentials free under 10,000; Plus from the first. */
  cognitoPlusMau: 0.02,
} as const;

const POLLS_PER_DAY = 96;
const DAYS = 30;
/** In-region round trip a Lambda waits for: DynamoDB ~5 ms, S3 PUT ~25 ms, an outlet's server ~300 ms. */
const WAIT_MS = { roundTrip: 10, feedFetch: 300 } as const;
/** Memory of each function (lib/newswatch-stack.ts). */
const MEMORY_GB = { fetcher: 1, stage: 2, alerter: 0.25, scheduler: 0.25 } as const;
/** One story in ten matches a topic with recipients, and stories average two copies. */
const EMAILS_PER_ITEM = 0.05;
/** Addresses an alert goes to (a topic's recipients). */
const RECIPIENTS_PER_EMAIL = 3;
/**
 * Lambda polls each SQS event source even when it is idle: five long polls of 20 s at a time,
 * about 15 ReceiveMessage requests a minute, whatever the traffic (feed, item and alert queues).
 */
const IDLE_POLLS_PER_SOURCE = 15 * 60 * 24 * DAYS;
/** Requests to both HTTP APIs: a team of five reading the page and a script polling each minute. */
const API_REQUESTS = 50_000;
/** Sign-in users of the reading page, for the Plus plan's price (operations.threatProtection). */
const PAGE_USERS = 5;
/** Log bytes: one line per feed poll and one per stage batch, ~400 bytes each. */
const LOG_BYTES = { poll: 400, batch: 400 } as const;
/** Kept a year (the bucket's lifecycle): items' texts ~5 KB gzip, pages ~30 KB for a third of items. */
const STORED_BYTES_PER_ITEM = { s3: 5_000 + 10_000, dynamo: 1_500 } as const;
/** As lib/operations.ts makes them: errors and throttles of five functions, three DLQs, two pipeline, two SES. */
const ALARMS = 17;
/** The metric names the handlers publish (lambdas/handlers/*.ts). */
const CUSTOM_METRICS = 12;

interface Line {
  service: string;
  usd: number;
}

export function monthly(feeds: number, itemsPerFeedDay: number, f: StorageFigures): Line[] {
  const items = feeds * itemsPerFeedDay * DAYS;
  const polls = feeds * POLLS_PER_DAY * DAYS;
  const unchangedPolls = Math.max(0, polls - items); // at most one new item per poll changes the feed
  // Half a year of items on average over the first year.
  const tableGb = (items * 6 * STORED_BYTES_PER_ITEM.dynamo) / 1e9;
  const dynamo =
    items * (f.writeUnitsPerItem * PRICE.dynamoWriteUnit + f.readUnitsPerItem * PRICE.dynamoReadUnit) +
    unchangedPolls *
      (f.unchangedPoll.writeUnits * PRICE.dynamoWriteUnit +
        f.unchangedPoll.readUnits * PRICE.dynamoReadUnit) +
    tableGb * (PRICE.dynamoGbMonth + PRICE.dynamoPitrGbMonth);
  const s3 =
    items * f.s3RequestsPerItem * PRICE.s3Put +
    ((items * 6 * STORED_BYTES_PER_ITEM.s3) / 1e9) * PRICE.s3GbMonth;
  const fetcherSeconds =
    (polls * (WAIT_MS.feedFetch + 3 * WAIT_MS.roundTrip) +
      items * (f.fetchCpuMsPerItem + 3 * WAIT_MS.roundTrip)) /
    1000;
  const batches = items / 10;
  const stageSeconds = (items * f.stageCpuMsPerItem + batches * 4 * WAIT_MS.roundTrip) / 1000;
  const emails = items * EMAILS_PER_ITEM;
  const sweeps = 12 * 24 * DAYS;
  // An alert: claim, read the story, send (~50 ms at SES), mark; a sweep: one query.
  const alerterSeconds = (emails * (4 * WAIT_MS.roundTrip + 50) + sweeps * WAIT_MS.roundTrip) / 1000;
  const schedulerSeconds = (POLLS_PER_DAY * DAYS * (feeds / 100) * WAIT_MS.roundTrip) / 1000;
  const lambda =
    (fetcherSeconds * MEMORY_GB.fetcher +
      stageSeconds * MEMORY_GB.stage +
      alerterSeconds * MEMORY_GB.alerter +
      schedulerSeconds * MEMORY_GB.scheduler) *
      PRICE.lambdaGbSecondArm +
    (polls / 5 + batches + emails + sweeps + POLLS_PER_DAY * DAYS + API_REQUESTS) * PRICE.lambdaRequest;
  // Feed messages: send, receive, delete per batch of 5; items: send per 10, receive, delete per 10;
  // and the event sources' idle polling: two standard queues and one FIFO.
  const sqs =
    (polls / 5) * 3 * PRICE.sqsStandardRequest +
    (items / 10) * 3 * PRICE.sqsFifoRequest +
    IDLE_POLLS_PER_SOURCE * (2 * PRICE.sqsStandardRequest + PRICE.sqsFifoRequest);
  const ses = emails * RECIPIENTS_PER_EMAIL * PRICE.sesRecipient;
  // Function logs are kept a month, so about one month's ingest is stored at any time.
  const logGb = (polls * LOG_BYTES.poll + batches * LOG_BYTES.batch) / 1e9;
  const cloudwatch =
    logGb * (PRICE.logsIngestGb + PRICE.logsStoredGbMonth) +
    ALARMS * PRICE.alarm +
    PRICE.dashboard +
    CUSTOM_METRICS * PRICE.customMetric;
  return [
    { service: 'DynamoDB', usd: dynamo },
    { service: 'Lambda', usd: lambda },
    { service: 'SQS', usd: sqs },
    { service: 'S3', usd: s3 },
    { service: 'SES', usd: ses },
    { service: 'API Gateway', usd: API_REQUESTS * PRICE.httpApiRequest },
    { service: 'CloudWatch', usd: cloudwatch },
    // The Essentials plan is free for this many users; the Plus plan is the option below.
    { service: 'Cognito', usd: 0 },
  ];
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'items-per-feed-day': { type: 'string' } } });
  const perDay = Number(values['items-per-feed-day'] ?? 20);
  const f = await measure(200);
  console.log(
    `measured (bench/storage.ts, 200 items): ${f.writeUnitsPerItem} WCU, ${f.readUnitsPerItem} RCU, ` +
      `${f.s3RequestsPerItem} S3 requests, fetcher ${f.fetchCpuMsPerItem} ms and stage ${f.stageCpuMsPerItem} ms CPU per new item; ` +
      `unchanged poll ${f.unchangedPoll.writeUnits} WCU, ${f.unchangedPoll.readUnits} RCU, ${f.unchangedPoll.requests} requests`,
  );
  console.log(
    `assumed: ${perDay} new items per feed a day, polls every 15 minutes, a 30-day month, us-east-1 prices, ` +
      `${RECIPIENTS_PER_EMAIL} recipients an alert, ${API_REQUESTS.toLocaleString('en-US')} API requests a month, ` +
      `${(IDLE_POLLS_PER_SOURCE / 1e6).toFixed(2)} million idle polls a month per event source`,
  );
  const sizes = [100, 1_000, 10_000];
  const tables = sizes.map((n) => monthly(n, perDay, f));
  const services = tables[0]?.map((l) => l.service) ?? [];
  const usd = (x: number) => `$${x < 10 ? x.toFixed(2) : Math.round(x).toLocaleString('en-US')}`;
  console.log(`\n| service | ${sizes.map((n) => `${n.toLocaleString('en-US')} feeds`).join(' | ')} |`);
  console.log(`| --- | ${sizes.map(() => '---:').join(' | ')} |`);
  for (const service of services) {
    const cells = tables.map((t) => usd(t.find((l) => l.service === service)?.usd ?? 0));
    console.log(`| ${service} | ${cells.join(' | ')} |`);
  }
  console.log(
    `| **total** | ${tables.map((t) => `**${usd(t.reduce((a, l) => a + l.usd, 0))}**`).join(' | ')} |`,
  );
  console.log(
    `\noperations.threatProtection audit or enforced (Cognito Plus plan): +${usd(PAGE_USERS * PRICE.cognitoPlusMau)} a month ` +
      `for ${PAGE_USERS} users who sign in, ${usd(PRICE.cognitoPlusMau)} per user`,
  );
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}
