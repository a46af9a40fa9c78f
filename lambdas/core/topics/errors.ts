/** A query that cannot be parsed, before it is attributed to a topic or alias. */
export class QuerySyntaxError extends Error {
  override name = 'QuerySyntaxError';
  /** 1-based character position in the query. */
  readonly position: number;
  readonly expected: string;

  constructor(position: number, expected: string, options?: { cause?: unknown }) {
    super(`position ${position}: expected ${expected}`, options);
    this.position = position;
    this.expected = expected;
  }
}

/**
 * An invalid topic query: names the topic (and the alias, when the error is inside one), the 1-based
 * position and what was expected. An alias no topic uses is reported by its name alone.
 */
export class TopicQueryError extends Error {
  override name = 'TopicQueryError';
  readonly topic: string | undefined;
  readonly alias: string | undefined;
  readonly position: number;
  readonly expected: string;

  constructor(
    where: { topic?: string | undefined; alias?: string | undefined },
    position: number,
    expected: string,
    options?: { cause?: unknown },
  ) {
    const names = [
      where.topic === undefined ? undefined : `topic "${where.topic}"`,
      where.alias === undefined ? undefined : `alias @${where.alias}`,
    ].filter((n) => n !== undefined);
    super(`${names.join(', in ')}: at position ${position}, expected ${expected}`, options);
    this.topic = where.topic;
    this.alias = where.alias;
    this.position = position;
    this.expected = expected;
  }
}

/** A topics file that cannot be read or does not have the expected shape. */
export class TopicsFileError extends Error {
  override name = 'TopicsFileError';
}
