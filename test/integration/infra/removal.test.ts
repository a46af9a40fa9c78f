/** `operations.removalPolicy`: data outlives `cdk destroy` unless the operator asks otherwise. */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lambdas/core/config/load.ts';
import { NewswatchStack } from '../../../lib/newswatch-stack.ts';

function synth(removalPolicy: 'retain' | 'destroy') {
  // What a removal policy changes is in the template, not in the functions' code: bundling them
  // (stack.test.ts checks it) would take most of this file's time.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new NewswatchStack(app, `Removal${removalPolicy}`, {
    configText: JSON.stringify(loadConfig('config/example.yaml')),
    schedule: 'rate(15 minutes)',
    senderAddress: 'alerts@example.org',
    operations: { removalPolicy, pendingAlertMinutes: 60, failingFeedHours: 12 },
    topicNames: [],
  });
  return { app, template: Template.fromStack(stack) };
}

const deletionPolicies = (template: Template, type: string) =>
  Object.values(template.findResources(type)).map((r) => r.DeletionPolicy);

describe('removal policy', () => {
  it('retains the table and the buckets by default', () => {
    const { template } = synth('retain');
    expect(deletionPolicies(template, 'AWS::DynamoDB::GlobalTable')).toEqual(['Retain']);
    expect(deletionPolicies(template, 'AWS::S3::Bucket')).toEqual(['Retain', 'Retain']);
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  }, 120_000);

  it('deletes everything for a trial stack, emptying the buckets first, and still passes cdk-nag', () => {
    const { app, template } = synth('destroy');
    expect(deletionPolicies(template, 'AWS::DynamoDB::GlobalTable')).toEqual(['Delete']);
    expect(deletionPolicies(template, 'AWS::S3::Bucket')).toEqual(['Delete', 'Delete']);
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    expect(new AwsSolutionsChecks(app).validateScope(app).violations).toEqual([]);
  }, 120_000);
});
