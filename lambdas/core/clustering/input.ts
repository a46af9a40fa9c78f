/** An item as the story engine reads it. */
export interface ClusterInput {
  id: string;
  title: string;
  /** Main text, plain; may still carry site furniture (CLI input). */
  text: string;
  url?: string;
  guid?: string;
  /** Outlet name or domain. */
  source?: string;
  /** ISO 8601; absent when the feed gives no date. */
  published?: string;
  /** ISO 8601: when the item was ingested. */
  seenAt: string;
  /** ISO 639-1 code (text/language.ts); absent reads as English. Copies in two languages are two stories. */
  lang?: string;
}
