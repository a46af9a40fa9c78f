import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
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

// The example configuration as deployed, with its own sender and operator addresses.
const example = loadConfig('config/example.yaml');

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
    configText: JSON.stringify(example),
    schedule: 'rate(10 minutes)',
    senderAddress: 'alerts@example.org',
    recipients: example.topics.flatMap((t) => t.recipients ?? []),
    topicNames: ['Japan defense spending', 'Rubio in Asia'],
    operations: { ...example.operations, email: 'ops@example.org', itemQueueAgeMinutes: 45 },
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
      // Every attribute projected: an alert reads a story's items from the index rows alone.
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'gsi1', Projection: { ProjectionType: 'ALL' } }),
      ],
    });
    // Nothing expires: the window's entries live in the stage's memory, not in the table.
    expect(
      template.findResources('AWS::DynamoDB::GlobalTable', {
        Properties: { TimeToLiveSpecification: Match.anyValue() },
      }),
    ).toEqual({});
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

  /** The function's bundle, as staged in the app's output folder under the hash its S3 key names. */
  const bundleOf = (name: string) => {
    const prefix = `${name[0]?.toUpperCase()}${name.slice(1)}Function`;
    const fn = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith(prefix),
    )?.[1];
    const hash = String(fn?.Properties.Code.S3Key).replace(/\.zip$/, '');
    return join(app.outdir, `asset.${hash}`, 'index.mjs');
  };

  it('bundles every function within the budget, as deployed', () => {
    const sizes = HANDLER_NAMES.map((name) => [name, statSync(bundleOf(name)).size] as const);
    expect(sizes.filter(([, bytes]) => bytes > BUNDLE_BUDGET_BYTES)).toEqual([]);
    expect(sizes).toHaveLength(5);
  });

  it('builds the fetcher with no mail client and no topic compiler: it sends nothing and tags nothing', () => {
    const code = (name: string) => readFileSync(bundleOf(name), 'utf8');
    // A message of the query parser stands for the compiler.
    const parser = 'an operator or the end of the query';
    expect(code('fetcher')).not.toContain('@aws-sdk/client-sesv2');
    expect(code('fetcher')).not.toContain(parser);
    expect(code('alerter')).toContain('@aws-sdk/client-sesv2');
    expect(code('stage')).toContain(parser);
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

  it('feeds the story stage in batches of ten from the FIFO queue, whose one message group serialises it', () => {
    const [stage] = Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) =>
      id.startsWith('StageFunction'),
    );
    const [itemQueue] = Object.keys(template.findResources('AWS::SQS::Queue')).filter((id) =>
      /^ItemQueue[0-9A-F]{8}$/.test(id),
    );
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: stage },
      EventSourceArn: { 'Fn::GetAtt': [itemQueue, 'Arn'] },
      BatchSize: 10,
    });
  });

  it('alarms on each new dead letter of a feed, an item or an alert, even while one is waiting', () => {
    const alarms = Object.entries(
      template.findResources('AWS::CloudWatch::Alarm', {
        Properties: {
          Metrics: Match.arrayWith([Match.objectLike({ Expression: 'DIFF(FILL(visible, 0))' })]),
        },
      }),
    );
    expect(alarms.map(([id]) => id.replace(/^Operations/, '').replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'AlertDeadLetters',
      'FeedDeadLetters',
      'ItemDeadLetters',
    ]);
    for (const [, alarm] of alarms) {
      const visible = alarm.Properties.Metrics.find((m: { Id: string }) => m.Id === 'visible');
      expect(visible.MetricStat.Metric.MetricName).toBe('ApproximateNumberOfMessagesVisible');
      expect(JSON.stringify(visible.MetricStat.Metric.Dimensions)).toMatch(/QueueDlq/);
      expect(alarm.Properties).toMatchObject({
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 2,
        DatapointsToAlarm: 1,
      });
    }
  });

  it('alarms when items wait too long for the story stage, and when the scheduler stops running', () => {
    const [itemQueue] = Object.keys(
      template.findResources('AWS::SQS::Queue', {
        Properties: { FifoQueue: true, RedrivePolicy: Match.anyValue() },
      }),
    );
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [itemQueue, 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 45 * 60,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    const scheduler = Object.keys(template.findResources('AWS::Lambda::Function')).find((id) =>
      id.startsWith('SchedulerFunction'),
    );
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Invocations',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: scheduler } }],
      Statistic: 'Sum',
      Period: 600,
      EvaluationPeriods: 2,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
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
    ).toEqual([
      'GET /feeds',
      'GET /search',
      'GET /stories',
      'GET /stories/{id}',
      'GET /topics/{name}/matches',
    ]);
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
        'GET /search',
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
      // Reads of the table and of the archive (search), and writes to its own log group only.
      for (const action of actions)
        expect(action).toMatch(
          /^(dynamodb:(BatchGet|Get|Query|Scan|ConditionCheck|Describe)|s3:(GetObject|ListBucket)$|logs:(CreateLogStream|PutLogEvents)$)/,
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

  it('lets only the alerter send email, only as the configured sender, in and out of the SES sandbox', () => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'ses:SendEmail' })]) },
      },
    });
    expect(Object.keys(policies)).toHaveLength(1);
    const statements = Object.values(policies)[0]?.Properties.PolicyDocument.Statement as Array<{
      Action: string;
      Resource: unknown[];
      Condition?: unknown;
    }>;
    const identities = statements.find((st) => JSON.stringify(st.Resource).includes(':identity/'));
    const names = (identities?.Resource ?? []).map(
      (r) => JSON.stringify(r).match(/:identity\/([^"]+)"/)?.[1],
    );
    // The sender's identities, and in the sandbox the recipients' too (desk@example.com in the example).
    expect(names.sort()).toEqual(['alerts@example.org', 'desk@example.com', 'example.com', 'example.org']);
    expect(identities?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'alerts@example.org' } });
  });

  it('protects the table from deletion', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })],
    });
  });

  it('acknowledges no cdk-nag rule that the AwsSolutions pack does not have', () => {
    const ruleIds = new Set<string>();
    // Every rule of the pack is applied to every resource; recording them lists the pack.
    class Recording extends AwsSolutionsChecks {
      protected override applyRule(params: Parameters<AwsSolutionsChecks['applyRule']>[0]): void {
        ruleIds.add(`AwsSolutions-${params.ruleSuffixOverride ?? params.rule.name}`);
        super.applyRule(params);
      }
    }
    new Recording(app).validateScope(app);
    expect(ruleIds.size).toBeGreaterThan(50);
    const acknowledged = app.node
      .findAll()
      .flatMap((c: IConstruct) => c.node.metadata)
      .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
      .flatMap((m) => Object.keys(m.data as object))
      .flatMap((id) => id.match(/AwsSolutions-[A-Z0-9]+/)?.[0] ?? []);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.filter((id) => !ruleIds.has(id))).toEqual([]);
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

  it('lets the query function read item texts for search, and no other object of the archive', () => {
    const fns = template.findResources('AWS::Lambda::Function');
    const roleId = Object.entries(fns).find(([id]) => id.startsWith('QueryFunction'))?.[1].Properties.Role[
      'Fn::GetAtt'
    ][0] as string;
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string; Resource: unknown }>);
    const objects = statements.filter((st) => st.Action === 's3:GetObject');
    expect(objects).toHaveLength(1);
    expect(JSON.stringify(objects[0]?.Resource)).toMatch(/"\/text\/\*"\]/);
    expect(
      statements
        .filter((st) => String(st.Action).startsWith('s3:'))
        .map((st) => st.Action)
        .sort(),
    ).toEqual(['s3:GetObject', 's3:ListBucket']);
  });

  it('reserves no concurrency, so a new account can deploy it, and caps the functions otherwise', () => {
    const reserved = template.findResources('AWS::Lambda::Function', {
      Properties: { ReservedConcurrentExecutions: Match.anyValue() },
    });
    expect(Object.keys(reserved)).toEqual([]);
    const fns = Object.keys(template.findResources('AWS::Lambda::Function'));
    const capOf = (prefix: string) =>
      Object.values(template.findResources('AWS::Lambda::EventSourceMapping'))
        .filter((m) => m.Properties.FunctionName.Ref === fns.find((id) => id.startsWith(prefix)))
        .map((m) => m.Properties.ScalingConfig?.MaximumConcurrency);
    expect(capOf('FetcherFunction')).toEqual([10]);
    expect(capOf('AlerterFunction')).toEqual([2]);
    const stages = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(2);
    for (const stage of stages) {
      expect(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
      expect(stage.Properties.AccessLogSettings.DestinationArn).toBeDefined();
    }
  });

  it('throttles the public sign-in shell routes on their own, under the rest of the page', () => {
    const web = Object.values(
      template.findResources('AWS::ApiGatewayV2::Stage', { Properties: { RouteSettings: Match.anyValue() } }),
    );
    expect(web).toHaveLength(1);
    const { RouteSettings, DefaultRouteSettings } = web[0]?.Properties ?? {};
    expect(Object.keys(RouteSettings).sort()).toEqual(['GET /', 'GET /{proxy+}']);
    for (const route of Object.values(RouteSettings) as Array<{ ThrottlingRateLimit: number }>) {
      expect(route.ThrottlingRateLimit).toBeLessThan(DefaultRouteSettings.ThrottlingRateLimit);
    }
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
      recipients: [],
      operations: {
        removalPolicy: 'destroy',
        pendingAlertMinutes: 60,
        failingFeedHours: 12,
        itemQueueAgeMinutes: 30,
        reservedConcurrency: {},
        threatProtection: 'off',
      },
      topicNames: [],
    });
    const destroyed = Template.fromStack(stack);
    const policies = (type: string) =>
      Object.values(destroyed.findResources(type)).map((r) => r.DeletionPolicy);
    expect(policies('AWS::DynamoDB::GlobalTable')).toEqual(['Delete']);
    // `cdk destroy` could not delete a protected table.
    expect(
      Object.values(destroyed.findResources('AWS::DynamoDB::GlobalTable')).flatMap((t) =>
        t.Properties.Replicas.map(
          (r: { DeletionProtectionEnabled?: boolean }) => r.DeletionProtectionEnabled,
        ),
      ),
    ).toEqual([false]);
    expect(policies('AWS::S3::Bucket')).toEqual(['Delete', 'Delete']);
    destroyed.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    expect(new AwsSolutionsChecks(trial).validateScope(trial).violations).toEqual([]);
  }, 120_000);
});
