import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { NewswatchStack } from '../../../lib/newswatch-stack.ts';

// Synthesising bundles four functions with esbuild: one template for the whole file.
let template: Template;

beforeAll(() => {
  const app = new App();
  const stack = new NewswatchStack(app, 'TestStack', {
    configText: readFileSync('config/example.yaml', 'utf8'),
    schedule: 'rate(10 minutes)',
    senderAddress: 'alerts@example.org',
  });
  template = Template.fromStack(stack);
}, 120_000);

describe('NewswatchStack', () => {
  it('declares the single table with its key schema, GSI and TTL attribute', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'gsi1' })],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('runs four ARM64 functions with source maps', () => {
    const fns = template.findResources('AWS::Lambda::Function', {
      Properties: { Architectures: ['arm64'], Runtime: 'nodejs22.x' },
    });
    expect(Object.keys(fns)).toHaveLength(4);
    for (const fn of Object.values(fns)) {
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('fans feeds out through SQS with dead-letter queues to the fetcher, and alerts to the alerter', () => {
    template.resourceCountIs('AWS::SQS::Queue', 4);
    const redriven = template.findResources('AWS::SQS::Queue', {
      Properties: { RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }) },
    });
    expect(Object.keys(redriven)).toHaveLength(2);
    const mappings = template.findResources('AWS::Lambda::EventSourceMapping', {
      Properties: { FunctionResponseTypes: ['ReportBatchItemFailures'] },
    });
    expect(Object.keys(mappings)).toHaveLength(2);
  });

  it('alarms when a feed or an alert lands in a dead-letter queue', () => {
    const alarms = template.findResources('AWS::CloudWatch::Alarm', {
      Properties: { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0 },
    });
    expect(Object.keys(alarms)).toHaveLength(2);
  });

  it('starts runs on the configured schedule and sweeps the outbox', () => {
    const targetOf = (expr: string) => {
      const rules = Object.values(
        template.findResources('AWS::Events::Rule', { Properties: { ScheduleExpression: expr } }),
      );
      expect(rules).toHaveLength(1);
      return rules[0]?.Properties.Targets[0].Arn['Fn::GetAtt'][0] as string;
    };
    expect(targetOf('rate(10 minutes)')).toMatch(/^SchedulerFunction/);
    expect(targetOf('rate(5 minutes)')).toMatch(/^AlerterFunction/);
  });

  it('fronts the query function with an IAM-authorised HTTP API', () => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route', {
      Properties: { AuthorizationType: 'AWS_IAM' },
    });
    expect(
      Object.values(routes)
        .map((r) => r.Properties.RouteKey)
        .sort(),
    ).toEqual(['GET /feeds', 'GET /stories', 'GET /stories/{id}', 'GET /topics/{name}/matches']);
  });

  it('archives raw bodies in a private, encrypted bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
    });
  });

  it('lets only the alerter send email, and only as the configured sender', () => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'ses:SendEmail' })]) },
      },
    });
    expect(Object.keys(policies)).toHaveLength(1);
    const text = JSON.stringify(Object.values(policies)[0]);
    expect(text).toContain('identity/alerts@example.org');
    expect(text).toContain('identity/example.org');
  });
});
