/**
 * What the `operations` section turns on: reserved concurrency and Cognito threat protection are
 * the operator's choices, off by default (stack.test.ts checks the defaults).
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lambdas/core/config/load.ts';
import type { Config } from '../../../lambdas/core/config/schema.ts';
import { NewswatchStack } from '../../../lib/newswatch-stack.ts';

function synth(operations: Partial<Config['operations']>) {
  // No bundling: these tests read the template, not the code assets.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const config = loadConfig('config/example.yaml');
  const stack = new NewswatchStack(app, 'Options', {
    configText: JSON.stringify(config),
    schedule: config.schedule,
    senderAddress: 'alerts@example.org',
    recipients: [],
    topicNames: [],
    operations: { ...config.operations, ...operations },
  });
  return { app, template: Template.fromStack(stack) };
}

const reservedBy = (template: Template) =>
  Object.entries(
    template.findResources('AWS::Lambda::Function', {
      Properties: { ReservedConcurrentExecutions: Match.anyValue() },
    }),
  )
    .map(([id, fn]) => [id.replace(/Function.*/, ''), fn.Properties.ReservedConcurrentExecutions])
    .sort();

describe('operations options', () => {
  it('reserves concurrency only for the functions the configuration names, and caps the fetcher by it', () => {
    const { template } = synth({ reservedConcurrency: { fetcher: 4, query: 5 } });
    expect(reservedBy(template)).toEqual([
      ['Fetcher', 4],
      ['Query', 5],
    ]);
    const fetcher = Object.keys(template.findResources('AWS::Lambda::Function')).find((id) =>
      id.startsWith('FetcherFunction'),
    );
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fetcher },
      ScalingConfig: { MaximumConcurrency: 4 },
    });
  }, 60_000);

  it('keeps the Essentials plan without threat protection by default', () => {
    const { template } = synth({});
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'ESSENTIALS',
      UserPoolAddOns: Match.absent(),
    });
  }, 60_000);

  it('turns on the Plus plan with enforced threat protection when asked, and then needs no COG8 acknowledgement', () => {
    const { app, template } = synth({ threatProtection: 'enforced' });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    const acknowledged = app.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
      .flatMap((m) => Object.keys(m.data as object));
    expect(acknowledged.filter((id) => id.includes('COG8'))).toEqual([]);
    expect(new AwsSolutionsChecks(app).validateScope(app).violations).toEqual([]);
  }, 60_000);

  it('audits sign-ins without blocking them on `audit`', () => {
    const { template } = synth({ threatProtection: 'audit' });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' },
    });
  }, 60_000);
});
