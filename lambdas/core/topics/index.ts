/** Topic tagging: boolean media-monitoring queries compiled once, matched against title and main text. */
export type { Field, QueryNode } from './ast.ts';
export type { MatchDocument } from './document.ts';
export { QuerySyntaxError, TopicQueryError, TopicsFileError } from './errors.ts';
export { loadTopicsFile } from './file.ts';
export { compileTopics, type TopicInfo, type TopicMatcher } from './matcher.ts';
export {
  ALERT_MODES,
  type AlertMode,
  type TopicSpec,
  type TopicsSection,
  topicSpecSchema,
  topicsSectionSchema,
} from './schema.ts';
