#!/usr/bin/env node
/**
 * CDK app. The configuration file is validated here, at synth time, with the same schema the
 * Lambdas use, so a typo in a topic query fails `cdk deploy` instead of the first cold start.
 */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { parseConfig } from '../lambdas/core/config/load.ts';
import { NewswatchStack } from './newswatch-stack.ts';

const app = new App();
const configPath = (app.node.tryGetContext('config') as string | undefined) ?? 'config/example.yaml';
const configText = readFileSync(configPath, 'utf8');
const config = parseConfig(configText, configPath);

new NewswatchStack(app, (app.node.tryGetContext('stackName') as string | undefined) ?? 'Newswatch', {
  configText,
  schedule: config.schedule,
  senderAddress: config.alerts.from,
  topicNames: config.topics.map((t) => t.name),
  authDomainPrefix: app.node.tryGetContext('authDomainPrefix') as string | undefined,
});
