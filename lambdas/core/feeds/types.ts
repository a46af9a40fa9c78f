/** One item as the feed states it, before normalisation into an Article. */
export interface RawFeedItem {
  guid?: string;
  /** Absolute when the feed's link could be resolved (xml:base, then the feed URL). */
  link?: string;
  /** Plain text: entities decoded, tags stripped. */
  title?: string;
  /** Plain text. */
  summary?: string;
  /** Full content HTML, when the feed carries it. */
  contentHtml?: string;
  author?: string;
  categories: string[];
  /** ISO 8601 UTC; undefined when absent or unparseable. */
  published?: string;
  updated?: string;
  lang?: string;
}

export interface ParsedFeed {
  /** e.g. 'rss-2.0', 'rss-1.0', 'atom-1.0', 'atom-0.3', 'json-1.1'. */
  format: string;
  title?: string;
  link?: string;
  language?: string;
  items: RawFeedItem[];
  /** Items beyond maxItems that were left out (the first ones are kept). */
  droppedItems?: number;
  /** Recoverable problems (undeclared prefixes, unknown entities, a stripped DOCTYPE). */
  warnings?: string[];
  /**
   * The XML was malformed (or the feed sat inside an HTML page) and the items were read leniently:
   * items open at an XML error are left out, the warnings say what was wrong.
   */
  recovered?: true;
}
