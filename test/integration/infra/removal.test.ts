/** `operations.removalPolicy`: data outlives `cdk destroy` unless the operator asks otherwise. */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lambdas/core/config/load.ts';
import { NewswatchStack } from '../../../lib/newswatch-stack.ts';

function synth(removalPolicy: 'retain' | 'destroy') {
  const app = new App();
  const stack = new NewswatchStack(app, `Removal${removalPolicy}`, {
    configText: JSON.stringify(loadConfig('config/example.yaml')),
    schedule: 'rate(15 minutes)',
    senderAddress: 'alerts@example.org',
    recipients: [],
    operations: {
      removalPolicy,
      pendingAlertMinutes: 60,
      failingFeedHours: 12,
      itemQueueAgeMinutes: 30,
      reservedConcurrency: {},
      threatProtection: 'off',
    },
    topicNames: [],
  });
  return { app, template: Template.fromStack(stack) };
}

const deletionPolicies = (template: Template, type: string) =>
  Object.values(template.findResources(type)).map((r) => r.DeletionPolicy);

const tableProtection = (template: Template) =>
  Object.values(template.findResources('AWS::DynamoDB::GlobalTable')).flatMap((t) =>
    t.Properties.Replicas.map((r: { DeletionProtectionEnabled?: boolean }) => r.DeletionProtectionEnabled),
  );

describe('removal policy', () => {
  it('retains the table and the buckets by default', () => {
    const { template } = synth('retain');
    expect(deletionPolicies(template, 'AWS::DynamoDB::GlobalTable')).toEqual(['Retain']);
    expect(tableProtection(template)).toEqual([true]);
    expect(deletionPolicies(template, 'AWS::S3::Bucket')).toEqual(['Retain', 'Retain']);
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  }, 120_000);

  it('deletes everything for a trial stack, emptying the buckets first, and still passes cdk-nag', () => {
    const { app, template } = synth('destroy');
    expect(deletionPolicies(template, 'AWS::DynamoDB::GlobalTable')).toEqual(['Delete']);
    // `cdk destroy` could not delete a protected table.
    expect(tableProtection(template)).toEqual([false]);
    expect(deletionPolicies(template, 'AWS::S3::Bucket')).toEqual(['Delete', 'Delete']);
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    expect(new AwsSolutionsChecks(app).validateScope(app).violations).toEqual([]);
  }, 120_000);
});
