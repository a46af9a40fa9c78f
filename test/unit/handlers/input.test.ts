import { describe, expect, it } from 'vitest';
import {
  alertMessage,
  feedMessage,
  listParams,
  MalformedInputError,
} from '../../../lambdas/handlers/input.ts';
import { EnvError, readEnv, readQueryEnv } from '../../../lambdas/runtime/env.ts';

describe('queue messages', () => {
  it('reads a feed message and an alert key, dropping unknown fields', () => {
    expect(feedMessage('{"feedId":"wire","extra":1}')).toEqual({ feedId: 'wire' });
    expect(alertMessage('{"storyId":"s1","topic":"Japan"}')).toEqual({ storyId: 's1', topic: 'Japan' });
    expect(alertMessage('{"storyId":"s1","topic":"Japan","outlets":3}')).toEqual({
      storyId: 's1',
      topic: 'Japan',
      outlets: 3,
    });
  });

  it('refuses malformed bodies, naming the field', () => {
    expect(() => feedMessage('[]')).toThrow(MalformedInputError);
    expect(() => feedMessage('{"feedId":""}')).toThrow('feedId: expected a non-empty string');
    expect(() => alertMessage('{"storyId":"s1"}')).toThrow('topic:');
    expect(() => alertMessage('{"storyId":"s1","topic":"t","outlets":1.5}')).toThrow('outlets:');
    expect(() => feedMessage('not json')).toThrow(SyntaxError);
  });
});

describe('list parameters', () => {
  const now = new Date('2026-11-10T12:00:00.000Z');

  it('accepts a date-time, a duration back from now and a limit from 1 to 500', () => {
    expect(listParams({}, now)).toEqual({});
    expect(listParams({ since: '2026-11-01T00:00:00+09:00', limit: '20' }, now)).toEqual({
      since: '2026-10-31T15:00:00.000Z',
      limit: 20,
    });
    expect(listParams({ since: '24h' }, now)).toEqual({ since: '2026-11-09T12:00:00.000Z' });
  });

  it('names every bad parameter', () => {
    expect(listParams({ since: 'yesterday', limit: '0' }, now)).toEqual({
      problems: [expect.stringMatching(/^since: /), 'limit: expected an integer from 1 to 500'],
    });
    expect(listParams({ limit: '501' }, now)).toHaveProperty('problems');
    expect(listParams({ since: '2026-13-45T00:00:00Z' }, now)).toHaveProperty('problems');
  });
});

describe('Lambda environment', () => {
  const env = {
    NEWSWATCH_TABLE: 'news',
    AWS_REGION: 'eu-west-1',
    NEWSWATCH_BUCKET: 'archive',
    NEWSWATCH_FEED_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/feeds',
    NEWSWATCH_ITEM_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/items.fifo',
    NEWSWATCH_ALERT_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/alerts',
  };

  it('reads the variables, the configuration set only when set', () => {
    expect(readEnv(env)).toEqual(env);
    expect(readEnv({ ...env, NEWSWATCH_SES_CONFIGURATION_SET: 'ops' }).NEWSWATCH_SES_CONFIGURATION_SET).toBe(
      'ops',
    );
  });

  it("reads the query function's topics, sign-in and archive (search reads texts)", () => {
    const query = {
      NEWSWATCH_TABLE: 'news',
      NEWSWATCH_BUCKET: 'archive',
      AWS_REGION: 'eu-west-1',
      NEWSWATCH_TOPICS: '["Taiwan","Court rulings"]',
      NEWSWATCH_AUTH_URL: 'https://auth.example.org',
      NEWSWATCH_AUTH_CLIENT_ID: 'client',
    };
    expect(readQueryEnv(query).topicNames).toEqual(['Taiwan', 'Court rulings']);
    expect(() => readQueryEnv({ ...query, NEWSWATCH_TOPICS: '{"a":1}' })).toThrow(
      'NEWSWATCH_TOPICS: expected a JSON array of topic names',
    );
    const { NEWSWATCH_BUCKET: _, ...noBucket } = query;
    expect(() => readQueryEnv(noBucket)).toThrow('NEWSWATCH_BUCKET: expected at least 3 characters');
  });

  it('names every missing or bad variable', () => {
    const { NEWSWATCH_TABLE: _, ...rest } = env;
    expect(() => readEnv({ ...rest, NEWSWATCH_FEED_QUEUE_URL: 'nope' })).toThrow(
      new EnvError(
        'invalid Lambda environment: NEWSWATCH_TABLE: expected at least 3 characters; NEWSWATCH_FEED_QUEUE_URL: expected a URL',
      ),
    );
  });
});
