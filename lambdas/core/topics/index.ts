/** Topic tagging: boolean media-monitoring queries compiled once, matched against title and main text. */
export type { MatchDocument } from './document.ts';
export { TopicQueryError, TopicsFileError } from './errors.ts';
export { loadTopicsFile } from './file.ts';
export { compileTopics, type TopicMatcher } from './matcher.ts';
export { type TopicSpec, type TopicsSection, topicsSectionSchema } from './schema.ts';
