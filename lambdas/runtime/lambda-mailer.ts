/** The mailer on SES, sending through the configuration set when the stack provides one. */
import { createSesClient } from '../adapters/ses/client.ts';
import { createSesMailer } from '../adapters/ses/mailer.ts';
import type { Config } from '../core/config/schema.ts';
import type { Mailer } from '../core/ports.ts';
import type { LambdaEnv } from './env.ts';

export const lambdaMailer = (env: LambdaEnv, config: Config): Mailer =>
  createSesMailer(
    createSesClient({ region: env.AWS_REGION }),
    config.alerts.from,
    env.NEWSWATCH_SES_CONFIGURATION_SET,
  );
