/**
 * The one configuration file (YAML): feeds, topics, recipients, schedule, fetch limits and local
 * settings. docs/configuration.md documents every field; this schema is the source of truth.
 */
import { z } from 'zod';
import { topicsSectionSchema } from '../topics/schema.ts';
import { parseCidr } from './cidr.ts';
import { LOCAL_DEFAULTS } from './local-defaults.ts';
import { scheduleProblem } from './schedule.ts';

/** Stands for the local sample outlets' base URL; `newswatch run` replaces it. */
export const SAMPLES_PLACEHOLDER = '{{samples}}';

/**
 * Feeds are fetched over HTTP only: any other scheme (file:, ftp:, data:) would let whoever
 * edits the file read the fetcher's own disk or reach services the guards do not cover.
 */
function feedUrlProblem(url: string): string | undefined {
  const resolved = url.startsWith(SAMPLES_PLACEHOLDER)
    ? `http://samples.invalid${url.slice(SAMPLES_PLACEHOLDER.length)}`
    : url;
  if (!URL.canParse(resolved)) return `not a URL: ${url}`;
  const { protocol } = new URL(resolved);
  return protocol === 'http:' || protocol === 'https:' ? undefined : `only http and https feeds: ${url}`;
}

const feedUrl = z.string().superRefine((url, ctx) => {
  const problem = feedUrlProblem(url);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const cidr = z.string().superRefine((entry, ctx) => {
  const parsed = parseCidr(entry);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
});

const feedSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, "-" or "_", at most 64 characters'),
    url: feedUrl,
    outlet: z.string().min(1).optional(),
    fullText: z.boolean().default(false),
  })
  .strict();

/** What is wrong with one feed entry, each problem prefixed by its field; none when it is valid. */
export function feedEntryProblems(entry: unknown): string[] {
  const result = feedSchema.safeParse(entry);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.') || 'feed'}: ${i.message}`);
}

const fetchSchema = z
  .object({
    /** Named in the User-Agent so site owners can reach whoever runs this instance. */
    contactUrl: z.url(),
    /** CIDRs or addresses that may be fetched although they are not public (local runs, tests). */
    allowPrivate: z.array(cidr).default([]),
    connectTimeoutMs: z.number().int().positive().default(5_000),
    totalTimeoutMs: z.number().int().positive().default(20_000),
    maxBytes: z
      .number()
      .int()
      .positive()
      .default(5 * 1024 * 1024),
    maxItemsPerFeed: z.number().int().positive().default(200),
    perHostConcurrency: z.number().int().positive().default(2),
  })
  .strict();

const alertsSchema = z
  .object({
    from: z.email(),
    subjectPrefix: z.string().default('[newswatch]'),
    /** Where story pages are served: alerts link `<storyBaseUrl>/stories/<id>`. */
    storyBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * Per topic: `none`, or `{ outlets: N }` for one more email when a story first reaches N
     * outlets. Kept here rather than on the topic so that a topics file stays a topics file.
     */
    updates: z
      .record(z.string(), z.union([z.literal('none'), z.strictObject({ outlets: z.number().int().min(2) })]))
      .default({}),
  })
  .strict();

const concurrency = z.number().int().min(1).max(1000).optional();
const reservedConcurrencySchema = z.strictObject({
  scheduler: concurrency,
  fetcher: concurrency,
  stage: concurrency,
  alerter: concurrency,
  query: concurrency,
});

const operationsSchema = z
  .object({
    /** Who hears about failures: subscribed to the operations topic every alarm notifies. */
    email: z.email().optional(),
    /** `retain` keeps the table and bucket after `cdk destroy`; `destroy` is for trial stacks. */
    removalPolicy: z.enum(['retain', 'destroy']).default('retain'),
    /** An alert email still unsent after this long is reported. */
    pendingAlertMinutes: z.number().int().min(5).default(60),
    /** A feed failing every fetch for this long is reported. */
    failingFeedHours: z.number().int().min(1).default(12),
    /** An item waiting this long for the story stage raises the stall alarm. */
    itemQueueAgeMinutes: z.number().int().min(5).default(30),
    /**
     * Concurrency reserved per function, none by default: a new account's quota may be too small
     * to reserve any (AWS keeps 10 unreserved), and the event sources and API throttles cap the
     * functions without it.
     */
    reservedConcurrency: reservedConcurrencySchema.default({}),
    /**
     * Cognito threat protection for the reading page's sign-in. `audit` or `enforced` needs the
     * Plus feature plan, billed per monthly active user (docs/cost.md); `off` keeps Essentials.
     */
    threatProtection: z.enum(['off', 'audit', 'enforced']).default('off'),
  })
  .strict();

const localSchema = z
  .object({
    dataDir: z.string().default(LOCAL_DEFAULTS.dataDir),
    /** Port of the built-in sample feed server; `{{samples}}` in a feed URL points at it. */
    samplePort: z.number().int().min(1).max(65535).default(LOCAL_DEFAULTS.samplePort),
    /** Port of the SES stand-in and its mail viewer. */
    sesPort: z.number().int().min(0).max(65535).default(LOCAL_DEFAULTS.sesPort),
    /** Port of the reading page that `newswatch serve` and a continuous `newswatch run` serve. */
    webPort: z.number().int().min(0).max(65535).default(LOCAL_DEFAULTS.webPort),
  })
  .strict();

export const configSchema = z
  .object({
    /** EventBridge schedule expression for AWS; `newswatch run` without --once repeats at the same rate. */
    schedule: z
      .string()
      .superRefine((expression, ctx) => {
        const problem = scheduleProblem(expression);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .default('rate(15 minutes)'),
    feeds: z.array(feedSchema).min(1),
    aliases: topicsSectionSchema.shape.aliases,
    topics: topicsSectionSchema.shape.topics,
    alerts: alertsSchema,
    fetch: fetchSchema,
    operations: operationsSchema.default({
      removalPolicy: 'retain',
      pendingAlertMinutes: 60,
      failingFeedHours: 12,
      itemQueueAgeMinutes: 30,
      reservedConcurrency: {},
      threatProtection: 'off',
    }),
    local: localSchema.default(LOCAL_DEFAULTS),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    const topics = new Set(cfg.topics.map((t) => t.name));
    for (const name of Object.keys(cfg.alerts.updates)) {
      if (!topics.has(name))
        ctx.addIssue({
          code: 'custom',
          path: ['alerts', 'updates', name],
          message: `no topic is named "${name}"`,
        });
    }
    cfg.feeds.forEach((feed, i) => {
      if (seen.has(feed.id))
        ctx.addIssue({ code: 'custom', path: ['feeds', i, 'id'], message: `duplicate feed id "${feed.id}"` });
      seen.add(feed.id);
    });
  });

export type Config = z.infer<typeof configSchema>;
export type FeedConfig = Config['feeds'][number];
