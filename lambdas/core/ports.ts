/**
 * The ports the core talks through. Adapters (DynamoDB, S3, SES, HTTP) implement them; unit
 * tests may fake them. Nothing here names an AWS type. A port's failures that the core acts on
 * are classes here, so the core reads their fields typed rather than off any thrown object.
 */
import type {
  AlertIntent,
  AlertKey,
  FeedState,
  Membership,
  ParkedItem,
  QueuedItem,
  StageRecords,
  StoredItem,
  Story,
  TopicMatch,
} from './model.ts';

/** Result of a conditional HTTP GET. */
export interface HttpResponse {
  status: number;
  /** URL after redirects. */
  url: string;
  /** Set when a 301/308 moved the resource: the feed's stored URL should follow. */
  permanentUrl?: string;
  headers: Record<string, string>;
  /** Decoded (decompressed) body bytes; empty on 304. */
  body: Uint8Array;
}

export interface ConditionalHeaders {
  etag?: string;
  lastModified?: string;
}

/** Why a fetch failed. Stable: it goes into the feed's health record. */
export type FetchErrorKind =
  | 'bad-url'
  | 'blocked-address'
  | 'dns'
  | 'connect-timeout'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'http-status'
  | 'decode'
  | 'connection';

/** How `HttpClient.get` fails: every rejection is one, so the feed's health can say why. */
export class FetchError extends Error {
  override name = 'FetchError';
  readonly kind: FetchErrorKind;
  /** The response's status, for 'http-status'. */
  readonly status?: number;
  /** How long the server asked us to wait (429/503 Retry-After); the feed backs off at least that. */
  readonly retryAfterMs?: number;

  constructor(
    kind: FetchErrorKind,
    message: string,
    options: { cause?: unknown; status?: number; retryAfterMs?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.kind = kind;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

export interface HttpClient {
  /** Rejects with a FetchError. */
  get(url: string, conditional?: ConditionalHeaders): Promise<HttpResponse>;
}

/** What the archive keeps: raw feed bodies, raw article pages, and each item's extracted text. */
export type ArchiveKind = 'feed' | 'page' | 'text';

/** Content-addressed archive of raw bodies (S3 in AWS). */
export interface Archive {
  /** Stores the bytes once; returns the key they live under. */
  put(kind: ArchiveKind, body: Uint8Array, contentType: string): Promise<string>;
}

/** Reads an item's archived text back, for search; only the query side holds one. */
export interface ArchiveReader {
  /** The text stored under `key` (an item's `textKey`); undefined when no object is there. */
  readText(key: string): Promise<string | undefined>;
}

export interface Mailer {
  /** Rejects with a SendError when the service refused the message; anything else is transient. */
  send(message: EmailMessage): Promise<{ messageId: string }>;
}

/** A message the mail service refused. */
export class SendError extends Error {
  override name = 'SendError';
  /** True when retrying cannot help (rejected message, unverified sender, bad address): the alert is parked. */
  readonly permanent: boolean;

  constructor(message: string, permanent: boolean, options?: ErrorOptions) {
    super(message, options);
    this.permanent = permanent;
  }
}

export interface EmailMessage {
  /**
   * What the email announces, the same on every attempt (`alert:<story>:<topic>`): a delivery
   * that can keep one copy per id (the local mail folder) sends a retried email once. SES cannot.
   */
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/**
 * What `newswatch preflight` reads about the AWS account a deploy targets, with the deployer's
 * credentials and nothing but read-only calls (lambdas/adapters/preflight/).
 */
export interface AccountProbe {
  /** The region the calls go to: --region, else the SDK's own resolution. */
  region(): Promise<string>;
  identity(): Promise<{ account: string; arn: string }>;
  /** The CDK bootstrap stack's version for a qualifier; undefined when it was never bootstrapped. */
  bootstrapVersion(qualifier: string): Promise<number | undefined>;
  /** Whether a service is offered in the region, by its code (`cognito-idp`, `ses`). */
  offersService(service: string): Promise<boolean>;
  mailAccount(): Promise<{ sandbox: boolean; sendingEnabled: boolean }>;
  /** An SES identity (address or domain); undefined when the account has none by that name. */
  mailIdentity(name: string): Promise<{ verified: boolean } | undefined>;
  lambdaConcurrency(): Promise<{ limit: number; unreserved: number }>;
}

/** Everything the pipeline stores. One DynamoDB table in AWS; see docs/architecture.md. */
export interface Store {
  getFeedState(feedId: string): Promise<FeedState | undefined>;
  putFeedState(state: FeedState): Promise<void>;
  listFeedStates(): Promise<FeedState[]>;

  getItem(itemId: string): Promise<StoredItem | undefined>;
  /**
   * Claims a canonical URL for an item, unless another item holds it; resolves to the holder. A
   * GUID change or a second feed of the same site must not make the same article a second item.
   */
  claimUrl(url: string, itemId: string): Promise<string>;
  /** An edit of a stored item (same id, new content): its story and topics stay as they were. */
  editItem(
    item: Pick<StoredItem, 'id' | 'title' | 'summary' | 'contentHash' | 'textKey' | 'textLength'>,
  ): Promise<void>;

  /** The story an item was assigned to, if it was. */
  getMembership(itemId: string): Promise<Membership | undefined>;
  /**
   * A story's items, each with its membership, as the story's index rows hold them: one query,
   * no read per item. An index is eventually consistent: an item written a moment ago may be
   * missing yet.
   */
  listStoryItems(storyId: string): Promise<StoredItem[]>;
  getStory(storyId: string): Promise<Story | undefined>;
  listStories(opts: { since?: string; limit?: number }): Promise<Story[]>;
  /**
   * What the story stage decided for a batch: items, story records (whole: the stage is their
   * only writer) and first matches, in batch writes. Idempotent: writing them again changes nothing.
   */
  putStageRecords(records: Omit<StageRecords, 'intents'>): Promise<void>;

  listMatchesByStory(storyId: string): Promise<TopicMatch[]>;
  listMatchesByTopic(topic: string, opts: { since?: string; limit?: number }): Promise<TopicMatch[]>;

  /** Items the story stage set aside (`ParkedItem`): parked again is the same record. */
  parkItem(parked: ParkedItem): Promise<void>;
  listParked(): Promise<ParkedItem[]>;
  unparkItem(itemId: string): Promise<void>;

  /** Outbox: creates the intent only if none exists under its key. Returns whether it did. */
  createAlertIntent(intent: AlertIntent): Promise<boolean>;
  /** Unsent intents, oldest due first; with `dueBy`, only those due by then. */
  listPendingAlerts(limit: number, dueBy?: string): Promise<AlertIntent[]>;
  /**
   * Claims a pending (or stale 'sending') intent for sending; false when another worker holds it
   * or it was already sent.
   */
  claimAlert(key: AlertKey, now: string, leaseMs: number): Promise<boolean>;
  completeAlert(
    key: AlertKey,
    result: { messageId: string; sentAt: string; outletsShown: number },
  ): Promise<void>;
  /** Back to pending for a retry, or parked as 'failed' (out of the pending index) when `permanent`. */
  failAlert(key: AlertKey, failure: AlertFailure): Promise<void>;
  getAlert(key: AlertKey): Promise<AlertIntent | undefined>;
  /** Every intent of a story, whatever its state. */
  listAlerts(storyId: string): Promise<AlertIntent[]>;
}

export interface AlertFailure {
  error: string;
  permanent: boolean;
  /** ISO 8601; kept as `failedAt` on a parked intent. */
  at: string;
}

export interface Clock {
  now(): Date;
}

/** Work handed from one stage to the next (SQS in AWS, an in-process queue locally). */
export interface WorkQueue {
  sendFeeds(feedIds: string[]): Promise<void>;
  /** To the story stage, in order (an SQS FIFO queue in AWS). */
  sendItems(items: QueuedItem[]): Promise<void>;
  sendAlerts(keys: AlertKey[]): Promise<void>;
}
