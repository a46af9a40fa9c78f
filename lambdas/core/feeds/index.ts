export { canonicalUrl } from './canonical-url.ts';
export { decodeBody, detectCharset } from './charset.ts';
export { parseDate } from './dates.ts';
export { FeedParseError, type FeedParseErrorKind } from './errors.ts';
export { isSummaryOnly, type NormaliseContext, normaliseItem } from './normalise.ts';
export { type ParseOptions, parseFeed } from './parse.ts';
export { htmlToText } from './text.ts';
export type { ParsedFeed, RawFeedItem } from './types.ts';
