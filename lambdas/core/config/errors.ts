/**
 * A configuration that cannot be read or is invalid. Its own module so the CLI can tell it apart
 * without loading the YAML parser and the schema on every start.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** Every problem found, one line each, so one edit-and-retry can fix them all. */
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[], options?: ErrorOptions) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('\n'), options);
    this.problems = list;
  }
}
