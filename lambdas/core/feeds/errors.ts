export type FeedParseErrorKind =
  | 'empty'
  | 'not-a-feed'
  | 'malformed'
  | 'unsafe-doctype'
  | 'unknown-charset'
  | 'too-many-items'
  | 'too-large';

/** A feed body that cannot be read as a feed. `kind` is stable and goes into the feed's health record. */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
  readonly kind: FeedParseErrorKind;

  constructor(kind: FeedParseErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}
