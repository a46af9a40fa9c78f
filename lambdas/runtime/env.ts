/** Lambda environment, validated once per cold start with a message that names the variable. */
import { z } from 'zod';

const tableEnvSchema = z.object({
  NEWSWATCH_TABLE: z.string().min(3),
  AWS_REGION: z.string().min(1),
});

const envSchema = tableEnvSchema.extend({
  NEWSWATCH_BUCKET: z.string().min(3),
  NEWSWATCH_FEED_QUEUE_URL: z.url(),
  NEWSWATCH_ALERT_QUEUE_URL: z.url(),
  /** SES configuration set whose bounce and complaint events feed the alarms. */
  NEWSWATCH_SES_CONFIGURATION_SET: z.string().min(1).optional(),
});

export type TableEnv = z.infer<typeof tableEnvSchema>;
export type LambdaEnv = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

function parseEnv<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv): T {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new EnvError(`invalid Lambda environment: ${problems}`, { cause: result.error });
}

export const readEnv = (env: NodeJS.ProcessEnv = process.env): LambdaEnv => parseEnv(envSchema, env);

/** The query function needs only its table. */
export const readTableEnv = (env: NodeJS.ProcessEnv = process.env): TableEnv => parseEnv(tableEnvSchema, env);

/**
 * The configuration file's text, inlined into each bundle at deploy time (esbuild `define`), so
 * a cold start reads no file and makes no call to fetch its configuration.
 */
export function inlinedConfig(): string {
  const text = process.env.NEWSWATCH_CONFIG;
  if (!text)
    throw new EnvError('NEWSWATCH_CONFIG is empty: the bundle was built without a configuration file');
  return text;
}
