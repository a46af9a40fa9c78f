/**
 * The records the pipeline passes between stages. Plain data: no AWS types, no classes,
 * so the same values flow through the local runner, the Lambdas and the CLI.
 */

/** A feed as the user configured it. */
export interface FeedSpec {
  id: string;
  url: string;
  /** Outlet name shown in alerts; falls back to the feed's own title. */
  outlet?: string;
  /** Fetch the article page even when the feed carries full content. */
  fullText?: boolean;
}

/** What the fetcher remembers about a feed between runs (conditional GET, health). */
export interface FeedState {
  feedId: string;
  /** The outlet's name as its items carry it (configured, else the feed's title), once it gave one. */
  outlet?: string;
  /** Where the feed is fetched from: the configured URL, or where a permanent redirect moved it. */
  url: string;
  /** The URL in the configuration when `url` was set: a user's edit of it wins over old redirects. */
  configuredUrl?: string;
  etag?: string;
  lastModified?: string;
  bodyHash?: string;
  lastSuccessAt?: string;
  lastErrorAt?: string;
  lastErrorKind?: string;
  lastErrorMessage?: string;
  consecutiveFailures: number;
  nextAttemptAt?: string;
  /**
   * Recent article-page texts of this feed (hash of the normalised text, newest first, bounded):
   * a text another URL already extracted to is an interstitial, not the article (feeds/interstitial.ts).
   */
  recentPageTexts?: PageTextSeen[];
}

/** One article-page text a feed's poll extracted; `url` absent once several URLs produced it. */
export interface PageTextSeen {
  hash: string;
  url?: string;
}

/** One normalised item: what clustering, tagging and storage see. */
export interface Article {
  /** Stable id derived from the feed id and the GUID (or canonical URL). */
  id: string;
  feedId: string;
  guid?: string;
  /** Canonical URL: tracking parameters removed, AMP and trailing slashes normalised. */
  url?: string;
  title: string;
  /**
   * Set when the feed gave no title and normalisation made one: from the text's first sentence,
   * from the URL's last path segment, or "Untitled report from <outlet>".
   */
  titleDerived?: 'text' | 'url' | 'outlet';
  summary?: string;
  /** Main text only: site furniture removed. Plain text. */
  text: string;
  author?: string;
  categories: string[];
  /** ISO 8601, as the outlet dated it; absent when the feed gives no usable date. */
  published?: string;
  /** ISO 8601, when newswatch first saw the item. */
  firstSeen: string;
  /**
   * ISO 639-1 code of the language the title and text are in (text/language.ts), read from the
   * text with what the feed or page declared as the prior; absent when neither says.
   */
  lang?: string;
  outlet: string;
  /** Hash of title + text: an edit changes it. */
  contentHash: string;
}

/**
 * An item on its way to the story stage. The fetcher has claimed its URL and archived its full
 * text under `textKey`; `text` may be cut to fit a queue message (see pipeline/admit.ts).
 */
export interface QueuedItem extends Article {
  textKey?: string;
  /** Length of the full text, before any cut. */
  textLength: number;
}

/**
 * An item the story stage could not assign (bad text, a bug): set aside with why, so one item
 * cannot hold up every feed behind it. `newswatch items redrive` queues it again.
 */
export interface ParkedItem {
  item: QueuedItem;
  /** What failed, in the stage's words, then the error's own. */
  reason: string;
  error: string;
  parkedAt: string;
}

/** An item as stored: its text lives in the archive, its story and topics with it. */
export interface StoredItem extends Omit<QueuedItem, 'text'> {
  membership: Membership;
  /** Topics this copy matched, with the query terms it hit. */
  topics?: { topic: string; terms: string[] }[];
}

/** How an item joined (or started) a story, kept so `newswatch explain` can show it. */
export interface Membership {
  storyId: string;
  itemId: string;
  /** True when this item started the story. */
  isNew: boolean;
  method: string;
  score: number;
  evidence: MembershipEvidence;
  /** Stories this item showed to be the same event, merged into `storyId` on its arrival. */
  merged?: string[];
}

export interface MembershipEvidence {
  /** Item the decision compared against, when there was one: the first report of the nearest story. */
  matchedItemId?: string;
  /**
   * Each kind of evidence's part in the decision against the nearest story: its similarity, its
   * share of the model's log-odds (positive for the join), and what the item shares of it as its
   * text writes it. The log-odds start from `baseline`.
   */
  kinds?: KindEvidence[];
  baseline?: number;
  quotes?: string[];
  entities?: string[];
  numbers?: string[];
  terms?: string[];
  note?: string;
}

export interface KindEvidence {
  kind: string;
  similarity: number;
  contribution: number;
  shared: string[];
}

/** Headline and first reporter follow the rule in stories/credit.ts, whatever order copies arrive in. */
export interface Story {
  id: string;
  headline: string;
  firstSeen: string;
  firstOutlet: string;
  /** Earliest published time among members, when any member is dated. */
  firstPublished?: string;
  /** The member credited as first reporter. */
  firstItemId?: string;
  /** Ranks of the first reporter and of the headline's member: compared, never shown. */
  firstRank?: string;
  headlineRank?: string;
  outlets: string[];
  outletCount: number;
  memberCount: number;
  /**
   * The language of the copy that opened the story: copies in another language make stories of
   * their own (docs/story-engine.md), so it is every member's language.
   */
  lang?: string;
  updatedAt: string;
  /** Set when the clusterer found this story to be another's event: read that one instead. */
  mergedInto?: string;
  /** Stories merged into this one; their members and matches are this story's. */
  mergedFrom?: string[];
}

/** Why a topic matched: which query terms hit, in which field, with a short snippet. */
export interface TopicHit {
  topic: string;
  terms: string[];
  fields: string[];
  snippet: string;
}

export interface TopicMatch extends TopicHit {
  storyId: string;
  itemId: string;
  matchedAt: string;
}

/** How a topic's alerts go out: each on its own, or gathered into an hourly or daily digest. */
export const ALERT_MODES = ['instant', 'digest hourly', 'digest daily'] as const;
export type AlertMode = (typeof ALERT_MODES)[number];

/** Names one outbox entry: the first alert of (story, topic), or its follow-up at `outlets` outlets. */
export interface AlertKey {
  storyId: string;
  topic: string;
  /** Set on a follow-up: the outlet count whose reaching it announces. */
  outlets?: number;
}

/**
 * An alert waiting to be sent: the outbox entry. Keyed by (storyId, topic) so a second copy of
 * the story, or a retried run, finds it already there and adds nothing.
 */
export interface AlertIntent extends AlertKey {
  recipients: string[];
  /** Instant intents are sent on their own; digest intents wait for `dueAt` and go out together. */
  mode: AlertMode;
  /** ISO 8601: not sent before this time. */
  dueAt: string;
  headline: string;
  outlet: string;
  url?: string;
  terms: string[];
  snippet: string;
  createdAt: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  sentAt?: string;
  messageId?: string;
  /** How many outlets the sent email named: a follow-up is owed only if it named fewer. */
  outletsShown?: number;
  lastError?: string;
  /** When the intent was parked as 'failed'; `lastError` says why. */
  failedAt?: string;
}

/** The records one story-stage batch owes the store (core/stage/). */
export interface StageRecords {
  items: StoredItem[];
  stories: Story[];
  matches: TopicMatch[];
  /** Created only where absent: the alerter may already have sent (and updated) one. */
  intents: AlertIntent[];
}
