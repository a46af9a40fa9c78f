/**
 * Lambda environment, validated once per cold start with a message that names each variable.
 * Checked by hand: a schema library would be most of each bundle (see lambdas/handlers/input.ts).
 */

/** A problem with one variable's value, or undefined when it is fine. */
type Check = (value: string | undefined) => string | undefined;

const text =
  (min: number): Check =>
  (value) =>
    value !== undefined && value.length >= min ? undefined : `expected at least ${min} characters`;

const url: Check = (value) => (value !== undefined && URL.canParse(value) ? undefined : 'expected a URL');

const TABLE_ENV = { NEWSWATCH_TABLE: text(3), AWS_REGION: text(1) };

const LAMBDA_ENV = {
  ...TABLE_ENV,
  NEWSWATCH_BUCKET: text(3),
  NEWSWATCH_FEED_QUEUE_URL: url,
  NEWSWATCH_ITEM_QUEUE_URL: url,
  NEWSWATCH_ALERT_QUEUE_URL: url,
};

const topicNames: Check = (value) => {
  try {
    const names: unknown = JSON.parse(value ?? '');
    if (Array.isArray(names) && names.every((n) => typeof n === 'string')) return undefined;
  } catch {
    // reported below, as for any other shape
  }
  return 'expected a JSON array of topic names';
};

/** The query function also serves the page: the topics it offers and the sign-in it sends browsers to. */
const QUERY_ENV = {
  ...TABLE_ENV,
  NEWSWATCH_BUCKET: text(3),
  NEWSWATCH_TOPICS: topicNames,
  NEWSWATCH_AUTH_URL: url,
  NEWSWATCH_AUTH_CLIENT_ID: text(1),
};

export type TableEnv = Record<keyof typeof TABLE_ENV, string>;
export type QueryEnv = Record<keyof typeof QUERY_ENV, string> & { topicNames: string[] };
export type LambdaEnv = Record<keyof typeof LAMBDA_ENV, string> & {
  /** SES configuration set whose bounce and complaint events feed the alarms. */
  NEWSWATCH_SES_CONFIGURATION_SET?: string;
};

export class EnvError extends Error {
  override name = 'EnvError';
}

function parseEnv<K extends string>(checks: Record<K, Check>, env: NodeJS.ProcessEnv): Record<K, string> {
  const names = Object.keys(checks) as K[];
  const problems = names.flatMap((name) => {
    const problem = checks[name](env[name]);
    return problem ? [`${name}: ${problem}`] : [];
  });
  if (problems.length > 0) throw new EnvError(`invalid Lambda environment: ${problems.join('; ')}`);
  return Object.fromEntries(names.map((name) => [name, env[name]])) as Record<K, string>;
}

export const readEnv = (env: NodeJS.ProcessEnv = process.env): LambdaEnv => ({
  ...parseEnv(LAMBDA_ENV, env),
  ...(env.NEWSWATCH_SES_CONFIGURATION_SET && {
    NEWSWATCH_SES_CONFIGURATION_SET: env.NEWSWATCH_SES_CONFIGURATION_SET,
  }),
});

export const readQueryEnv = (env: NodeJS.ProcessEnv = process.env): QueryEnv => {
  const checked = parseEnv(QUERY_ENV, env);
  return { ...checked, topicNames: JSON.parse(checked.NEWSWATCH_TOPICS) as string[] };
};

/**
 * The validated configuration as JSON, inlined into each bundle at deploy time (esbuild `define`),
 * so a cold start reads no file and makes no call to fetch its configuration.
 */
export function inlinedConfig(): string {
  const text = process.env.NEWSWATCH_CONFIG;
  if (!text)
    throw new EnvError('NEWSWATCH_CONFIG is empty: the bundle was built without a configuration file');
  return text;
}
