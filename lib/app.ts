#!/usr/bin/env node
/**
 * CDK app. The configuration file is validated here, at synth time, with the same schema the
 * Lambdas use, so a typo in a topic query fails `cdk deploy` instead of the first cold start.
 */
import { Annotations, App } from 'aws-cdk-lib';
import { deploymentProblems, placeholderWarnings } from '../lambdas/core/config/deployment.ts';
import { ConfigError } from '../lambdas/core/config/errors.ts';
import { loadConfig } from '../lambdas/core/config/load.ts';
import type { Config } from '../lambdas/core/config/schema.ts';
import { checkWithNag } from './nag.ts';
import { NewswatchStack } from './newswatch-stack.ts';

/** A configuration error is the operator's to fix: its lines, not a stack trace, and exit 2. */
function configOrExit(path: string): Config {
  try {
    const config = loadConfig(path);
    const problems = deploymentProblems(config);
    if (problems.length > 0) throw new ConfigError(problems.map((p) => `${path}: ${p}`));
    return config;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.problems.join('\n')}\n`);
    process.exit(2);
  }
}

const app = new App();
checkWithNag(app);
const DEFAULT_CONFIG = 'config/example.yaml';
const givenConfig = app.node.tryGetContext('config') as string | undefined;
// Without -c config=, a deploy would carry the example's feeds and recipients: say so.
if (!givenConfig) process.stderr.write(`newswatch: no -c config=FILE given, using ${DEFAULT_CONFIG}\n`);
const configPath = givenConfig ?? DEFAULT_CONFIG;
const config = configOrExit(configPath);

const stack = new NewswatchStack(
  app,
  (app.node.tryGetContext('stackName') as string | undefined) ?? 'Newswatch',
  {
    configText: JSON.stringify(config),
    schedule: config.schedule,
    senderAddress: config.alerts.from,
    recipients: config.topics.flatMap((t) => t.recipients ?? []),
    operations: config.operations,
    topicNames: config.topics.map((t) => t.name),
    authDomainPrefix: app.node.tryGetContext('authDomainPrefix') as string | undefined,
  },
);
for (const warning of placeholderWarnings(config)) {
  Annotations.of(stack).addWarningV2('newswatch:placeholder-domain', `${configPath}: ${warning}`);
}
