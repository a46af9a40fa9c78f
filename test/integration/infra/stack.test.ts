import { statSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../lambdas/core/config/load.ts';
import { BUNDLE_BUDGET_BYTES, HANDLER_NAMES } from '../../../lib/bundling.ts';
import { NewswatchStack } from '../../../lib/newswatch-stack.ts';

// Synthesising bundles four functions with esbuild: one template for the whole file.
let app: App;
let template: Template;

/** Every IAM action the function's role is granted, from all policies attached to it. */
function actionsOf(functionPrefix: string): string[] {
  const fns = template.findResources('AWS::Lambda::Function');
  const fnId = Object.keys(fns).find((id) => id.startsWith(functionPrefix)) ?? '';
  const roleId = fns[fnId]?.Properties.Role['Fn::GetAtt'][0] as string;
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId),
  );
  const managed = template.findResources('AWS::IAM::Role')[roleId]?.Properties.ManagedPolicyArns;
  expect(managed).toBeUndefined();
  return policies.flatMap((p) =>
    (p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>).flatMap(
      (st) => st.Action,
    ),
  );
}

beforeAll(() => {
  // CDK announces each function it bundles on stderr; the test's output stays for its results.
  const write = process.stderr.write.bind(process.stderr);
  const announcing = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk, ...rest) =>
      String(chunk).startsWith('Bundling asset ') ? true : write(chunk, ...(rest as [])),
    );
  app = new App();
  const stack = new NewswatchStack(app, 'TestStack', {
    configText: JSON.stringify(loadConfig('config/example.yaml')),
    schedule: 'rate(10 minutes)',
    senderAddress: 'alerts@example.org',
    topicNames: ['Japan defense spending', 'Rubio in Asia'],
    operations: {
      email: 'ops@example.org',
      removalPolicy: 'retain',
      pendingAlertMinutes: 60,
      failingFeedHours: 12,
    },
  });
  template = Template.fromStack(stack);
  announcing.mockRestore();
}, 120_000);

describe('NewswatchStack', () => {
  it('retains the table and the buckets by default (data outlives `cdk destroy`)', () => {
    const policies = (type: string) =>
      Object.values(template.findResources(type)).map((r) => r.DeletionPolicy);
    expect(policies('AWS::DynamoDB::GlobalTable')).toEqual(['Retain']);
    expect(policies('AWS::S3::Bucket')).toEqual(['Retain', 'Retain']);
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });

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

  it('passes cdk-nag AwsSolutions with every finding fixed or acknowledged', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const findings = report.violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.ruleName} ${r.locations.join(' ')}`),
    );
    expect(findings).toEqual([]);
  });

  it('runs five ARM64 functions on the newest Node.js runtime, with source maps', () => {
    const fns = template.findResources('AWS::Lambda::Function', {
      Properties: { Architectures: ['arm64'], Runtime: 'nodejs24.x' },
    });
    expect(Object.keys(fns)).toHaveLength(5);
    for (const fn of Object.values(fns)) {
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('bundles every function within the budget, as deployed', () => {
    const fns = template.findResources('AWS::Lambda::Function');
    const sizes = HANDLER_NAMES.map((name) => {
      const prefix = `${name[0]?.toUpperCase()}${name.slice(1)}Function`;
      const fn = Object.entries(fns).find(([id]) => id.startsWith(prefix))?.[1];
      // The code asset is staged in the app's output folder under the hash its S3 key names.
      const hash = String(fn?.Properties.Code.S3Key).replace(/\.zip$/, '');
      return [name, statSync(join(app.outdir, `asset.${hash}`, 'index.mjs')).size] as const;
    });
    expect(sizes.filter(([, bytes]) => bytes > BUNDLE_BUDGET_BYTES)).toEqual([]);
    expect(sizes).toHaveLength(5);
  });

  it('fans feeds out to the fetchers, items in order to the story stage, alerts to the alerter, each with a DLQ', () => {
    template.resourceCountIs('AWS::SQS::Queue', 6);
    const redriven = template.findResources('AWS::SQS::Queue', {
      Properties: { RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }) },
    });
    expect(Object.keys(redriven)).toHaveLength(3);
    const fifo = template.findResources('AWS::SQS::Queue', { Properties: { FifoQueue: true } });
    expect(
      Object.keys(fifo)
        .map((id) => id.replace(/[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual(['ItemQueue', 'ItemQueueDlq']);
    const mappings = template.findResources('AWS::Lambda::EventSourceMapping', {
      Properties: { FunctionResponseTypes: ['ReportBatchItemFailures'] },
    });
    expect(Object.keys(mappings)).toHaveLength(3);
  });

  it('runs one story stage at a time, fed by the FIFO queue in batches of ten', () => {
    const stage = template.findResources('AWS::Lambda::Function', {
      Properties: { ReservedConcurrentExecutions: 1 },
    });
    expect(Object.keys(stage).map((id) => id.replace(/Function.*/, ''))).toEqual(['Stage']);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Object.keys(stage)[0] },
      BatchSize: 10,
    });
  });

  it('alarms when a feed, an item or an alert lands in a dead-letter queue', () => {
    const alarms = template.findResources('AWS::CloudWatch::Alarm', {
      Properties: { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0 },
    });
    expect(Object.keys(alarms)).toHaveLength(3);
  });

  it('tells a person about every alarm through the operations topic', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const topics = Object.keys(template.findResources('AWS::SNS::Topic'));
    expect(topics).toHaveLength(1);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topics[0] }]);
    }
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
      TopicArn: { Ref: topics[0] },
    });
  });

  it('alarms on errors and throttles per function, failing feeds, overdue alerts, bounces and complaints', () => {
    const names = (metric: string) =>
      Object.keys(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: metric } }));
    expect(names('Errors')).toHaveLength(5);
    expect(names('Throttles')).toHaveLength(5);
    for (const metric of ['FeedsFailing', 'AlertsOverdue']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'newswatch',
        MetricName: metric,
        Dimensions: [{ Name: 'service', Value: 'newswatch' }],
        Period: 600,
      });
    }
    for (const metric of ['Bounce', 'Complaint']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/SES', MetricName: metric });
    }
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('sends alerts through the configuration set that reports bounces and complaints', () => {
    const alerter = Object.values(
      template.findResources('AWS::Lambda::Function', {
        Properties: { Environment: { Variables: { NEWSWATCH_SES_CONFIGURATION_SET: Match.anyValue() } } },
      }),
    );
    expect(alerter).toHaveLength(1);
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']) }),
    });
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

  describe('the reading page', () => {
    const routes = (authorizationType: string) =>
      Object.values(
        template.findResources('AWS::ApiGatewayV2::Route', {
          Properties: { AuthorizationType: authorizationType },
        }),
      )
        .map((r) => r.Properties.RouteKey as string)
        .sort();

    it('lets only users an admin created sign in, through the hosted UI with the code flow and no secret', () => {
      template.resourceCountIs('AWS::Cognito::UserPool', 1);
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      });
      template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
      const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
      expect(clients).toHaveLength(1);
      const client = clients[0]?.Properties;
      expect(client.AllowedOAuthFlows).toEqual(['code']);
      expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
      expect(client.GenerateSecret).toBe(false);
      expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
      expect(JSON.stringify(client.CallbackURLs)).toContain('/callback');
    });

    it("admits the page's data only with a token from that pool, for that client", () => {
      expect(routes('JWT')).toEqual(['GET /api', 'GET /api/{proxy+}']);
      const authorizers = Object.values(
        template.findResources('AWS::ApiGatewayV2::Authorizer', { Properties: { AuthorizerType: 'JWT' } }),
      );
      expect(authorizers).toHaveLength(1);
      const jwt = authorizers[0]?.Properties.JwtConfiguration;
      expect(jwt.Audience).toEqual([{ Ref: expect.stringMatching(/^UsersWebClient/) }]);
      expect(JSON.stringify(jwt.Issuer)).toMatch(/cognito-idp\..*Users[0-9A-F]+/);
    });

    it('serves only the data-free sign-in shell without a token', () => {
      expect(routes('NONE')).toEqual(['GET /', 'GET /{proxy+}']);
    });

    it('keeps the scripts API signed with IAM', () => {
      expect(routes('AWS_IAM')).toEqual([
        'GET /feeds',
        'GET /stories',
        'GET /stories/{id}',
        'GET /topics/{name}/matches',
      ]);
    });

    it('tells the page function the topics and the sign-in domain, and lets it only read the table', () => {
      const fns = template.findResources('AWS::Lambda::Function', {
        Properties: {
          Environment: { Variables: Match.objectLike({ NEWSWATCH_AUTH_CLIENT_ID: Match.anyValue() }) },
        },
      });
      const [id, fn] = Object.entries(fns)[0] ?? [];
      expect(Object.keys(fns)).toHaveLength(1);
      expect(id).toMatch(/^QueryFunction/);
      expect(fn?.Properties.Environment.Variables.NEWSWATCH_TOPICS).toBe(
        '["Japan defense spending","Rubio in Asia"]',
      );
      const role = fn?.Properties.Role['Fn::GetAtt'][0];
      const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
        JSON.stringify(p.Properties.Roles).includes(role),
      );
      const actions = policies.flatMap((p) =>
        p.Properties.PolicyDocument.Statement.flatMap((st: { Action: string | string[] }) => st.Action),
      );
      expect(actions.length).toBeGreaterThan(0);
      // Reads of the table, and writes to its own log group only.
      for (const action of actions)
        expect(action).toMatch(
          /^(dynamodb:(BatchGet|Get|Query|Scan|ConditionCheck|Describe)|logs:(CreateLogStream|PutLogEvents)$)/,
        );
    });
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

describe('least privilege per function', () => {
  const streams = (actions: string[]) =>
    actions.filter((a) => /^dynamodb:.*(Stream|GetRecords|GetShardIterator)/.test(a));

  it('lets the story stage write records and its journal, and nothing else', () => {
    const actions = actionsOf('StageFunction');
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:BatchWriteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
    ]);
    expect(actions.filter((a) => /Delete|Scan|\*/.test(a) && !a.startsWith('sqs:'))).toEqual([]);
  });

  it('lets the fetcher write the table and the archive but delete nothing', () => {
    const actions = actionsOf('FetcherFunction');
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 's3:PutObject', 'sqs:SendMessage']),
    );
    expect(actions.filter((a) => /Delete|Scan|\*/.test(a) && !a.startsWith('sqs:'))).toEqual([]);
    expect(streams(actions)).toEqual([]);
  });

  it('keeps the alerter to its intents: no scan, no batch writes, no deletes', () => {
    const actions = actionsOf('AlerterFunction');
    expect(actions).toContain('ses:SendEmail');
    expect(actions.filter((a) => /Scan|Batch|Delete/.test(a) && a.startsWith('dynamodb:'))).toEqual([]);
    expect(streams(actions)).toEqual([]);
  });

  it('lets the scheduler and the query function only read', () => {
    for (const fn of ['SchedulerFunction', 'QueryFunction']) {
      const table = actionsOf(fn).filter((a) => a.startsWith('dynamodb:'));
      expect(table.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    }
  });

  it('caps what a runaway fetcher or query client can spend, and keeps the stage to one instance', () => {
    const reserved = template.findResources('AWS::Lambda::Function', {
      Properties: { ReservedConcurrentExecutions: Match.anyValue() },
    });
    expect(
      Object.keys(reserved)
        .map((id) => id.replace(/Function.*/, ''))
        .sort(),
    ).toEqual(['Fetcher', 'Query', 'Stage']);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: Match.anyValue() }),
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it('logs access to the archive bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'archive/' }),
    });
  });
});

/**
 * `operations.removalPolicy: destroy`, for trial stacks. In this file, not its own, so the CDK
 * library loads once; what the policy changes is in the template, so the functions' code is not
 * bundled for it (the default's bundles are checked above).
 */
describe('NewswatchStack with removalPolicy destroy', () => {
  it('deletes everything for a trial stack, emptying the buckets first, and still passes cdk-nag', () => {
    const trial = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new NewswatchStack(trial, 'RemovalDestroy', {
      configText: JSON.stringify(loadConfig('config/example.yaml')),
      schedule: 'rate(15 minutes)',
      senderAddress: 'alerts@example.org',
      operations: { removalPolicy: 'destroy', pendingAlertMinutes: 60, failingFeedHours: 12 },
      topicNames: [],
    });
    const destroyed = Template.fromStack(stack);
    const policies = (type: string) =>
      Object.values(destroyed.findResources(type)).map((r) => r.DeletionPolicy);
    expect(policies('AWS::DynamoDB::GlobalTable')).toEqual(['Delete']);
    expect(policies('AWS::S3::Bucket')).toEqual(['Delete', 'Delete']);
    destroyed.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    expect(new AwsSolutionsChecks(trial).validateScope(trial).violations).toEqual([]);
  }, 120_000);
});
