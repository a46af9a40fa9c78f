/** The `aliases` and `topics` keys of the config file (and of `newswatch tag --topics FILE`). */
import { z } from 'zod';
import { ALERT_MODES } from '../model.ts';
import { ALIAS_NAME_RE } from './lexer.ts';

// Strict: a misspelt "recipient" key must be an error, not a topic that silently never emails.
export const topicSpecSchema = z.strictObject({
  name: z.string().trim().min(1),
  query: z.string().trim().min(1),
  recipients: z.array(z.email()).optional(),
  alert: z.enum(ALERT_MODES).optional(),
});
export type TopicSpec = z.infer<typeof topicSpecSchema>;

const aliasName = z.string().regex(ALIAS_NAME_RE, 'alias names are letters, digits, _ and -');

export const topicsSectionSchema = z.object({
  aliases: z.record(aliasName, z.string().trim().min(1)).optional(),
  // Alerts and stored matches are keyed by topic name, so two topics cannot share one.
  topics: z.array(topicSpecSchema).superRefine((topics, ctx) => {
    const seen = new Set<string>();
    topics.forEach((topic, index) => {
      if (seen.has(topic.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `duplicate topic name "${topic.name}"`,
        });
      }
      seen.add(topic.name);
    });
  }),
});
export type TopicsSection = z.infer<typeof topicsSectionSchema>;
