/**
 * A configuration that cannot be read or is invalid. Its own module so the CLI can tell it apart
 * without loading the YAML parser and the schema on every start.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
