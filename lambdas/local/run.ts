/**
 * `newswatch run`: the whole pipeline on this machine. Starts the stand-ins and the sample
 * outlets, then invokes the Lambda handlers in the order AWS would (scheduler → fetcher →
 * alerter), passing work between them through an in-process queue.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ScheduledEvent, SQSEvent } from 'aws-lambda';
import { ConfigError, parseConfig } from '../core/config/load.ts';
import type { Config } from '../core/config/schema.ts';
import type { FeedRunReport } from '../core/pipeline/run-feed.ts';
import { createAlerterHandler } from '../handlers/alerter.ts';
import { createFetcherHandler } from '../handlers/fetcher.ts';
import { createSchedulerHandler } from '../handlers/scheduler.ts';
import { buildContainer, type Container } from '../runtime/container.ts';
import { createMemoryQueue, type MemoryQueue } from './memory-queue.ts';
import { startSampleServer } from './sample-feeds.ts';
import { openStandIns } from './shared-standins.ts';
import { provision, type StandIns } from './standins.ts';

export const LOCAL_TABLE = 'newswatch';
export const LOCAL_BUCKET = 'newswatch-archive';
const SAMPLES_PLACEHOLDER = '{{samples}}';

export interface SentEmail {
  to: string[];
  subject: string;
  html: string;
  text: string;
}

export interface RunResult {
  startedAt: string;
  reports: FeedRunReport[];
  failedFeedMessages: number;
  emails: SentEmail[];
  mailViewerUrl: string;
  mailDir: string;
}

export interface LocalEnv {
  config: Config;
  container: Container;
  queue: MemoryQueue;
  standIns: StandIns;
  dataDir: string;
  stop(): Promise<void>;
}

/** Reads the config, replacing `{{samples}}` with the sample server's base URL. */
export function loadLocalConfig(path: string): Config {
  const config = parseConfig(readFileSync(path, 'utf8'), path);
  const base = `http://127.0.0.1:${config.local.samplePort}`;
  return {
    ...config,
    feeds: config.feeds.map((f) => ({ ...f, url: f.url.replaceAll(SAMPLES_PLACEHOLDER, base) })),
  };
}

/** A busy port is a configuration problem the user can fix: say which setting moves it. */
export async function onPort<T>(port: number, field: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    throw new ConfigError(
      `port ${port} is already in use (is another newswatch running?); set ${field} to move it`,
      {
        cause: err,
      },
    );
  }
}

export async function startLocal(
  configPath: string,
  opts: { reset?: boolean; cwd: string },
): Promise<LocalEnv> {
  const config = loadLocalConfig(configPath);
  const dataDir = resolve(opts.cwd, config.local.dataDir);
  if (opts.reset) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const usesSamples = readFileSync(configPath, 'utf8').includes(SAMPLES_PLACEHOLDER);
  const { samplePort, sesPort } = config.local;
  const samples = usesSamples
    ? await onPort(samplePort, 'local.samplePort', () => startSampleServer(samplePort))
    : undefined;
  let standIns: StandIns;
  try {
    standIns = await onPort(sesPort, 'local.sesPort', () => openStandIns({ dataDir, sesPort, share: true }));
  } catch (err) {
    await samples?.stop();
    throw err;
  }
  await provision(standIns.endpoints, LOCAL_TABLE, LOCAL_BUCKET);
  const queue = createMemoryQueue();
  const container = buildContainer({
    config,
    tableName: LOCAL_TABLE,
    bucket: LOCAL_BUCKET,
    endpoints: standIns.endpoints,
    queue,
  });
  return {
    config,
    container,
    queue,
    standIns,
    dataDir,
    async stop() {
      await Promise.all([standIns.stop(), samples?.stop()]);
    },
  };
}

function sqsEvent(bodies: unknown[]): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `local-${i}`,
      receiptHandle: `local-${i}`,
      body: JSON.stringify(body),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:newswatch-local',
      awsRegion: 'local',
    })),
  };
}

const scheduledEvent = (time: string): ScheduledEvent =>
  ({ 'detail-type': 'Scheduled Event', source: 'aws.events', time, detail: {} }) as ScheduledEvent;

async function fetchEmails(viewerUrl: string, sinceEpochSeconds: number): Promise<SentEmail[]> {
  const res = await fetch(`${viewerUrl}store?since=${sinceEpochSeconds}`);
  const body = (await res.json()) as {
    emails: { destination: { to: string[] }; subject: string; body: { html?: string; text?: string } }[];
  };
  return body.emails.map((e) => ({
    to: e.destination.to,
    subject: e.subject,
    html: e.body.html ?? '',
    text: e.body.text ?? '',
  }));
}

function saveEmails(dir: string, emails: SentEmail[], stamp: string): void {
  mkdirSync(dir, { recursive: true });
  emails.forEach((email, i) => {
    writeFileSync(join(dir, `${stamp.replace(/[:.]/g, '-')}-${i + 1}.html`), email.html);
  });
}

/** One scheduled run, end to end, through the Lambda handlers. */
export async function runOnce(env: LocalEnv): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const since = Math.floor(Date.parse(startedAt) / 1000);
  const getContainer = async () => env.container;
  const reports: FeedRunReport[] = [];

  await createSchedulerHandler(getContainer)();
  const feedIds = env.queue.drainFeeds();
  let failedFeedMessages = 0;
  if (feedIds.length > 0) {
    const fetcher = createFetcherHandler(getContainer, (r) => reports.push(r));
    const out = await fetcher(sqsEvent(feedIds.map((feedId) => ({ feedId }))));
    failedFeedMessages = out.batchItemFailures.length;
  }
  const alerter = createAlerterHandler(getContainer);
  const alertKeys = env.queue.drainAlerts();
  if (alertKeys.length > 0) await alerter(sqsEvent(alertKeys));
  await alerter(scheduledEvent(startedAt));

  const emails = await fetchEmails(env.standIns.mailViewerUrl, since);
  const mailDir = join(env.dataDir, 'mail');
  if (emails.length > 0) saveEmails(mailDir, emails, startedAt);
  return {
    startedAt,
    reports,
    failedFeedMessages,
    emails,
    mailViewerUrl: env.standIns.mailViewerUrl,
    mailDir,
  };
}
