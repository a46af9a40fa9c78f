/**
 * `newswatch run`: the whole pipeline on this machine. Starts the stand-ins and the sample
 * outlets, then invokes the Lambda handlers in the order AWS would (scheduler → fetcher →
 * alerter), passing work between them through an in-process queue.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ScheduledEvent } from 'aws-lambda';
import { ConfigError } from '../core/config/errors.ts';
import type { Config } from '../core/config/schema.ts';
import type { FeedRunReport } from '../core/pipeline/run-feed.ts';
import type { Clock, Store } from '../core/ports.ts';
import {
  type AssignedItem,
  createStoryStage,
  type StageReport,
  type StoryStage,
} from '../core/stage/stage.ts';
import { createAlerterHandler } from '../handlers/alerter.ts';
import { createFetcherHandler } from '../handlers/fetcher.ts';
import { createSchedulerHandler } from '../handlers/scheduler.ts';
import { createStageHandler } from '../handlers/stage.ts';
import { buildContainer, type Container } from '../runtime/container.ts';
import { createFileJournal } from './file-journal.ts';
import { LOCAL_BUCKET, LOCAL_TABLE, loadLocalConfig, usesSamples } from './local-config.ts';
import { createLocalQueue, type LocalQueue } from './local-queue.ts';
import { createMailFolder, type MailFolder } from './mail-folder.ts';
import { lockRun } from './run-lock.ts';
import { startSampleServer } from './sample-feeds.ts';
import { openStandIns } from './shared-standins.ts';
import { failedMessages, sqsEvent } from './sqs-event.ts';
import { provision, type StandIns } from './standins.ts';

export { LOCAL_BUCKET, LOCAL_TABLE, loadLocalConfig } from './local-config.ts';

export interface SentEmail {
  to: string[];
  subject: string;
  html: string;
  text: string;
}

export interface RunResult {
  startedAt: string;
  reports: FeedRunReport[];
  /** Items the story stage assigned in this run (a stopped run's queued items included). */
  assigned: AssignedItem[];
  failedFeedMessages: number;
  emails: SentEmail[];
  /** Where each of `emails` was saved, as HTML, in the same order. */
  mailFiles: string[];
  /** The page listing every mail saved in this data folder, across runs. */
  mailIndex: string;
}

export interface LocalEnv {
  config: Config;
  container: Container;
  queue: LocalQueue;
  /** The story stage of this process, journalling in the data folder. */
  stage: StoryStage;
  /** The container's mailer: what the runs of this process delivered. */
  mail: MailFolder;
  standIns: StandIns;
  dataDir: string;
  /** With `reset`: what was deleted, in words. */
  deleted?: string;
  stop(): Promise<void>;
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
  const deleted = opts.reset ? describeState(dataDir) : undefined;
  if (opts.reset) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockRun(dataDir);
  const { samplePort, sesPort } = config.local;
  let samples: Awaited<ReturnType<typeof startSampleServer>> | undefined;
  let standIns: StandIns;
  try {
    samples = usesSamples(configPath)
      ? await onPort(samplePort, 'local.samplePort', () => startSampleServer(samplePort))
      : undefined;
    standIns = await onPort(sesPort, 'local.sesPort', () => openStandIns({ dataDir, sesPort, share: true }));
  } catch (err) {
    await samples?.stop();
    unlock();
    throw err;
  }
  const stop = async () => {
    await Promise.all([standIns.stop(), samples?.stop()]);
    unlock();
  };
  // Whatever fails from here on must release the ports, or the process lives on holding them.
  let container: Container;
  let mail: MailFolder;
  let stage: StoryStage;
  const queue = createLocalQueue(dataDir);
  try {
    await provision(standIns.endpoints, LOCAL_TABLE, LOCAL_BUCKET);
    const built = buildContainer({
      config,
      tableName: LOCAL_TABLE,
      bucket: LOCAL_BUCKET,
      endpoints: standIns.endpoints,
      queue,
    });
    mail = createMailFolder(join(dataDir, 'mail'), built.mailer);
    container = { ...built, mailer: mail };
    stage = createStoryStage({ ...container, journal: createFileJournal(join(dataDir, 'stage')) });
    await releaseAbandonedClaims(container.store, container.clock);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    config,
    container,
    stage,
    mail,
    queue,
    standIns,
    dataDir,
    deleted,
    stop,
  };
}

/**
 * The data folder's database admits one process at a time, so a claim found at start belongs to
 * a run that was stopped while sending. Released, it goes out in this run rather than after its
 * lease. (The email may have left before the stop: at least once, as in AWS.)
 */
async function releaseAbandonedClaims(store: Store, clock: Clock): Promise<void> {
  const at = clock.now().toISOString();
  for (const intent of await store.listPendingAlerts(Number.POSITIVE_INFINITY)) {
    if (intent.status !== 'sending') continue;
    const error = 'claim released: the run that held it stopped before confirming the send';
    await store.failAlert(intent, { error, permanent: false, at });
  }
}

const scheduledEvent = (time: string): ScheduledEvent =>
  ({ 'detail-type': 'Scheduled Event', source: 'aws.events', time, detail: {} }) as ScheduledEvent;

/** What `--reset` is about to delete, so the user is told rather than surprised. */
function describeState(dataDir: string): string {
  if (!existsSync(dataDir)) return 'nothing (no local data yet)';
  const mails = existsSync(join(dataDir, 'mail'))
    ? readdirSync(join(dataDir, 'mail')).filter((f) => f.endsWith('.html') && f !== MAIL_INDEX).length
    : 0;
  return `stored feeds, stories, matches and alerts (dynamodb/), archived feed and page bodies (s3/), ${mails} saved mail(s) (mail/)`;
}

const MAIL_INDEX = 'index.html';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Lists every saved mail, newest first, by the subject in its text file. Rewritten after each run. */
function writeMailIndex(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const mails = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .reverse()
    .map((f) => {
      const [to = '', subject = ''] = readFileSync(join(dir, f), 'utf8').split('\n');
      const html = f.replace(/\.txt$/, '.html');
      return `<li><a href="${escapeHtml(html)}">${escapeHtml(subject.replace(/^Subject: /, ''))}</a><br><small>${escapeHtml(to)} · ${escapeHtml(f.slice(0, 19))}</small></li>`;
    });
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>newswatch: local mail</title></head><body style="font-family:sans-serif;max-width:40em;margin:1em auto;padding:0 1em"><h1>Mail sent by local runs</h1><p>${mails.length} mail(s), newest first.</p><ol>${mails.join('\n')}</ol></body></html>`;
  const path = join(dir, MAIL_INDEX);
  writeFileSync(path, page);
  return path;
}

/**
 * Locally the stage takes larger batches than SQS FIFO's ten, so each journal entry covers more
 * items; kept small enough that an entry stays a few megabytes.
 */
const LOCAL_STAGE_BATCH = 100;
/**
 * Feeds fetched at once, as ten fetchers would in AWS: all of a run's feeds at once held every
 * feed's body and parsed items together (the load bench, 40 feeds, peaked 150 MB higher).
 */
const LOCAL_FEED_BATCH = 10;

/** Every queued item, this run's and any a stopped run left, through the story stage handler. */
async function runStage(env: LocalEnv): Promise<AssignedItem[]> {
  const reports: StageReport[] = [];
  const stage = createStageHandler(
    async () => ({ stage: env.stage, queue: env.queue }),
    (r) => reports.push(r),
  );
  for (const batch of env.queue.pendingBatches(LOCAL_STAGE_BATCH)) {
    const out = await stage(sqsEvent(batch.items));
    if (out.batchItemFailures.length > 0)
      throw new Error(`${out.batchItemFailures.length} queued item(s) could not be read by the story stage`);
    batch.ack();
  }
  return reports.flatMap((r) => r.assigned);
}

/** One scheduled run, end to end, through the Lambda handlers. */
export async function runOnce(env: LocalEnv): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const getContainer = async () => env.container;
  const reports: FeedRunReport[] = [];

  await createSchedulerHandler(getContainer)();
  const feedIds = env.queue.drainFeeds();
  let failedFeedMessages = 0;
  const fetcher = createFetcherHandler(getContainer, (r) => reports.push(r));
  for (let i = 0; i < feedIds.length; i += LOCAL_FEED_BATCH) {
    const ids = feedIds.slice(i, i + LOCAL_FEED_BATCH);
    failedFeedMessages += await failedMessages(
      fetcher(sqsEvent(ids.map((feedId) => ({ feedId })))),
      ids.length,
    );
  }
  const assigned = await runStage(env);
  const alerter = createAlerterHandler(getContainer);
  const alertKeys = env.queue.drainAlerts();
  // Alerts that failed here are still pending: the sweep below tries them again.
  if (alertKeys.length > 0) await failedMessages(alerter(sqsEvent(alertKeys)), alertKeys.length);
  await alerter(scheduledEvent(startedAt));

  const saved = env.mail.takeSaved();
  const emails = saved.map(({ message: { to, subject, html, text } }) => ({ to, subject, html, text }));
  const mailFiles = saved.map((m) => m.file);
  const mailDir = join(env.dataDir, 'mail');
  return {
    startedAt,
    reports,
    assigned,
    failedFeedMessages,
    emails,
    mailFiles,
    mailIndex: writeMailIndex(mailDir),
  };
}
