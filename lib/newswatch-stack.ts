/**
 * Wiring only: which resources exist and who may talk to whom. Thresholds, topic syntax and
 * other business rules live in lambdas/core or in the configuration file.
 *
 *   EventBridge ─► scheduler λ ─► feed queue (SQS, DLQ) ─► fetcher λ ─► DynamoDB + S3
 *                                                             └──► item queue (SQS FIFO, DLQ) ─► stage λ
 *   stage λ ─► DynamoDB + S3 journal ─► alert queue (SQS, DLQ) ─► alerter λ ─► SES
 *   EventBridge (sweep) ─────────────────────────────────────────────────────────────────────► alerter λ
 *   HTTP API (IAM) ─► query λ ─► DynamoDB
 *   web HTTP API: page shell (public, own throttle) · /api (JWT from the Cognito user pool) ─► query λ
 */
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_KEYS } from '../lambdas/adapters/dynamodb/schema.ts';
import { scheduleIntervalMs } from '../lambdas/core/config/schedule.ts';
import type { Config } from '../lambdas/core/config/schema.ts';
import { functionRole, grantArchiveReads, grantArchiveWrites, grantJournal, grantTable } from './access.ts';
import {
  BUNDLE_BANNER,
  BUNDLE_MAIN_FIELDS,
  BUNDLE_TARGET,
  configDefine,
  RUNTIME_PROVIDED,
} from './bundling.ts';
import { accessLogBucket, throttleAndLogApi } from './logging.ts';
import { sendAsSender, sendThrough } from './mail.ts';
import { Operations } from './operations.ts';
import { dataRemoval } from './removal.ts';

export interface NewswatchStackProps extends StackProps {
  /** The validated configuration as JSON (defaults applied), inlined into each bundle. */
  configText: string;
  /** EventBridge schedule expression, e.g. rate(15 minutes). */
  schedule: string;
  /** SES identity the alerts are sent from. */
  senderAddress: string;
  /** Every address an alert may go to (the topics' recipients): in the SES sandbox, identities too. */
  recipients: string[];
  /** The configured topics' names: the page's topic filter offers them. */
  topicNames: string[];
  /**
   * Prefix of the sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`), unique per region;
   * by default the stack name and account id.
   */
  authDomainPrefix?: string;
  /** Who is alarmed, about what, and what `cdk destroy` keeps (the `operations` section). */
  operations: Config['operations'];
}

/** `operations.threatProtection` → Cognito's mode; `off` keeps the Essentials plan. */
const THREAT_PROTECTION = {
  off: undefined,
  audit: StandardThreatProtectionMode.AUDIT_ONLY,
  enforced: StandardThreatProtectionMode.FULL_FUNCTION,
} as const;

/** Requests a second (and burst) for the sign-in shell: a browser loads it once per sign-in. */
const SHELL_THROTTLE = { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 };

/**
 * The story stage holds three days of items in memory. Sized from the stage simulation
 * (`npm run bench -- stage`, which reads this figure; docs/architecture.md "Limits"): about 1 GB of
 * live heap projected at 10,000 feeds, with well over 30% to spare. Memory also buys CPU (Lambda
 * scales it with memory), which a cold start's restore and every batch use.
 */
export const STAGE_MEMORY_MB = 3008;

const handlerPath = (name: string) =>
  fileURLToPath(new URL(`../lambdas/handlers/${name}.ts`, import.meta.url));

/** `fifo` for the story stage's queue: its dead letters must be FIFO too. */
function queueWithDlq(scope: Construct, id: string, visibilityTimeout: Duration, fifo = false): Queue {
  const deadLetterQueue = new Queue(scope, `${id}Dlq`, {
    retentionPeriod: Duration.days(14),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    ...(fifo ? { fifo: true } : {}),
  });
  return new Queue(scope, id, {
    visibilityTimeout,
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 5 },
    // Retained as long as SQS allows: a stage stopped by a bug must not lose the items waiting.
    ...(fifo ? { fifo: true, retentionPeriod: Duration.days(14) } : {}),
  });
}

export class NewswatchStack extends Stack {
  constructor(scope: Construct, id: string, props: NewswatchStackProps) {
    super(scope, id, props);
    const { partitionKey, sortKey, gsi1 } = TABLE_KEYS;
    const data = dataRemoval(props.operations.removalPolicy);

    const table = new TableV2(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      globalSecondaryIndexes: [
        {
          indexName: gsi1.name,
          partitionKey: { name: gsi1.partitionKey, type: AttributeType.STRING },
          sortKey: { name: gsi1.sortKey, type: AttributeType.STRING },
        },
      ],
      removalPolicy: data.removalPolicy,
      // A trial stack (removalPolicy: destroy) must be deletable by `cdk destroy`; any other
      // keeps its table even from a delete in the console.
      deletionProtection: props.operations.removalPolicy !== 'destroy',
    });

    const archive = new Bucket(this, 'Archive', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogBucket(this, data),
      serverAccessLogsPrefix: 'archive/',
      lifecycleRules: [
        { expiration: Duration.days(365) },
        // The stage's journal: only the batches after its latest snapshot are ever read, and a
        // snapshot is written at least hourly (lambdas/core/stage/).
        { prefix: 'stage/batches/', expiration: Duration.days(30) },
      ],
      ...data,
    });

    const fetcherTimeout = Duration.minutes(2);
    // AWS advises a visibility timeout of six times the function timeout for SQS event sources.
    const feedQueue = queueWithDlq(this, 'FeedQueue', Duration.minutes(12));
    const stageTimeout = Duration.minutes(2);
    const itemQueue = queueWithDlq(this, 'ItemQueue', Duration.minutes(12), true);
    const alertQueue = queueWithDlq(this, 'AlertQueue', Duration.minutes(3));

    const environment = {
      NEWSWATCH_TABLE: table.tableName,
      NEWSWATCH_BUCKET: archive.bucketName,
      NEWSWATCH_FEED_QUEUE_URL: feedQueue.queueUrl,
      NEWSWATCH_ITEM_QUEUE_URL: itemQueue.queueUrl,
      NEWSWATCH_ALERT_QUEUE_URL: alertQueue.queueUrl,
      POWERTOOLS_SERVICE_NAME: 'newswatch',
      NODE_OPTIONS: '--enable-source-maps',
    };
    const reserved = props.operations.reservedConcurrency;
    const fn = (name: keyof typeof reserved, timeout: Duration, memorySize: number) => {
      const id = `${name[0]?.toUpperCase()}${name.slice(1)}`;
      const logGroup = new LogGroup(this, `${id}Logs`, {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      return new NodejsFunction(this, `${id}Function`, {
        entry: handlerPath(name),
        handler: 'handler',
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize,
        timeout,
        environment,
        logGroup,
        role: functionRole(this, `${id}Role`, logGroup),
        reservedConcurrentExecutions: reserved[name],
        bundling: {
          format: OutputFormat.ESM,
          target: BUNDLE_TARGET,
          sourceMap: true,
          minify: true,
          mainFields: BUNDLE_MAIN_FIELDS,
          externalModules: RUNTIME_PROVIDED,
          banner: BUNDLE_BANNER,
          define: configDefine(props.configText),
          // esbuild's list of the files it wrote says nothing a deploy needs; its warnings do.
          logLevel: LogLevel.WARNING,
        },
      });
    };

    // No concurrency is reserved unless the configuration asks (operations.reservedConcurrency):
    // reserving any needs an account quota above AWS's 10 unreserved, which new accounts lack.
    // Caps come from elsewhere: the fetcher's and the alerter's event sources, the APIs' throttles,
    // and the stage's single FIFO message group, which hands out one batch at a time.
    const fetcherConcurrency = Math.max(2, Math.min(10, reserved.fetcher ?? 10));
    const scheduler = fn('scheduler', Duration.seconds(30), 256);
    const fetcher = fn('fetcher', fetcherTimeout, 1024);
    // The stage holds the open window in memory (lambdas/core/stage/); memory sized for it
    // (docs/architecture.md). A second warm instance with an older window cannot write over the
    // first's decisions: journal batches are written only if absent (lambdas/adapters/s3/journal.ts).
    const stage = fn('stage', stageTimeout, STAGE_MEMORY_MB);
    const alerter = fn('alerter', Duration.seconds(30), 256);
    const query = fn('query', Duration.seconds(10), 512);

    // The scheduler reads feed states through the GSI and queues due feeds.
    grantTable(scheduler, table, { actions: ['Query', 'GetItem'], index: true });
    feedQueue.grantSendMessages(scheduler);
    // The fetcher reads feed state and items, claims URLs, edits items and queues new ones for the
    // stage: never a delete, a scan or a batch.
    grantTable(fetcher, table, { actions: ['GetItem', 'PutItem', 'UpdateItem'] });
    grantArchiveWrites(fetcher, archive, ['feed', 'page', 'text']);
    itemQueue.grantSendMessages(fetcher);
    // The stage writes items, stories and first matches in batches, creates intents, and reads an
    // intent before a follow-up; its journal lives under stage/ in the bucket.
    grantTable(stage, table, { actions: ['GetItem', 'PutItem', 'BatchWriteItem'] });
    grantJournal(stage, archive);
    alertQueue.grantSendMessages(stage);
    // The alerter reads a story and its members, claims and settles intents, creates follow-ups.
    grantTable(alerter, table, {
      actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      index: true,
    });
    grantTable(query, table, { actions: ['GetItem', 'Query'], index: true });
    // Search reads item texts back (lambdas/core/query/search.ts); nothing else in the bucket.
    grantArchiveReads(query, archive, 'text');

    alerter.addToRolePolicy(sendAsSender(this, props.senderAddress, props.recipients));

    fetcher.addEventSource(
      new SqsEventSource(feedQueue, {
        batchSize: 5,
        reportBatchItemFailures: true,
        maxConcurrency: fetcherConcurrency,
      }),
    );
    // FIFO batches are at most ten; one message group means one batch in flight at a time.
    stage.addEventSource(new SqsEventSource(itemQueue, { batchSize: 10, reportBatchItemFailures: true }));
    // Two alerters at most (the smallest SQS allows): a bug that loops on sends stays slow and cheap.
    alerter.addEventSource(
      new SqsEventSource(alertQueue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 2 }),
    );

    new Rule(this, 'FetchSchedule', {
      schedule: Schedule.expression(props.schedule),
      targets: [new LambdaFunction(scheduler)],
    });
    // The outbox sweep: anything still pending (a lost queue message, a retry that is due) goes out.
    new Rule(this, 'AlertSweep', {
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [new LambdaFunction(alerter)],
    });

    const api = new HttpApi(this, 'QueryApi', { defaultAuthorizer: new HttpIamAuthorizer() });
    throttleAndLogApi(this, api);
    const integration = new HttpLambdaIntegration('QueryIntegration', query);
    for (const path of ['/stories', '/stories/{id}', '/topics/{name}/matches', '/feeds', '/search']) {
      api.addRoutes({ path, methods: [HttpMethod.GET], integration });
    }

    this.readingPage(query, props);

    const operations = new Operations(this, 'Operations', {
      email: props.operations.email,
      functions: { Scheduler: scheduler, Fetcher: fetcher, Stage: stage, Alerter: alerter, Query: query },
      queues: { Feed: feedQueue, Item: itemQueue, Alert: alertQueue },
      scheduleInterval: Duration.millis(scheduleIntervalMs(props.schedule)),
      stall: {
        itemQueue,
        maxAge: Duration.minutes(props.operations.itemQueueAgeMinutes),
        scheduler,
      },
    });
    sendThrough(alerter, operations.configurationSet);

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'ArchiveBucket', { value: archive.bucketName });
    new CfnOutput(this, 'OperationsTopic', { value: operations.topic.topicArn });
    new CfnOutput(this, 'FeedDeadLetterQueue', { value: feedQueue.deadLetterQueue?.queue.queueUrl ?? '' });
    // For `newswatch items redrive --queue <ItemQueueUrl> --dead-letters <ItemDeadLetterQueueUrl>`.
    new CfnOutput(this, 'ItemQueueUrl', { value: itemQueue.queueUrl });
    new CfnOutput(this, 'ItemDeadLetterQueueUrl', { value: itemQueue.deadLetterQueue?.queue.queueUrl ?? '' });
  }

  /**
   * The reading page for a team: users an admin adds to a Cognito user pool sign in through its
   * hosted UI (authorization code with PKCE, no client secret in the browser), and the web API's
   * JWT authorizer admits their tokens to /api. The page paths themselves serve only the
   * sign-in shell, which holds no data. The query function keeps read-only access to the table.
   */
  private readingPage(query: NodejsFunction, props: NewswatchStackProps): void {
    const protection = THREAT_PROTECTION[props.operations.threatProtection];
    const users = new UserPool(this, 'Users', {
      featurePlan: protection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(protection ? { standardThreatProtectionMode: protection } : {}),
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(users).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is offered (TOTP) and left to each team: requiring it would lock out a reader whose admin has not enrolled an authenticator yet; the pool only admits users an admin created.',
    });
    if (!protection) {
      Validations.of(users).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'operations.threatProtection is off, as the operator chose: the Plus plan it needs is billed for every monthly active user (docs/cost.md), and this pool admits only users an admin created, with MFA offered.',
      });
    }
    const domain = users.addDomain('SignIn', {
      cognitoDomain: {
        domainPrefix: props.authDomainPrefix ?? `${this.stackName.toLowerCase()}-${this.account}`,
      },
    });
    const web = new HttpApi(this, 'WebApi', { description: 'newswatch reading page' });
    // Its own scope: the helper names its log group, and the query API has one already.
    throttleAndLogApi(web, web);
    const pageUrl = `${web.apiEndpoint}/`;
    const client = users.addClient('WebClient', {
      generateSecret: false,
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [`${web.apiEndpoint}/callback`],
        logoutUrls: [pageUrl],
      },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
    });
    query.addEnvironment('NEWSWATCH_TOPICS', JSON.stringify(props.topicNames));
    query.addEnvironment('NEWSWATCH_AUTH_URL', domain.baseUrl());
    query.addEnvironment('NEWSWATCH_AUTH_CLIENT_ID', client.userPoolClientId);

    const integration = new HttpLambdaIntegration('WebIntegration', query);
    const authorizer = new HttpUserPoolAuthorizer('WebAuthorizer', users, { userPoolClients: [client] });
    web.addRoutes({ path: '/api', methods: [HttpMethod.GET], integration, authorizer });
    web.addRoutes({ path: '/api/{proxy+}', methods: [HttpMethod.GET], integration, authorizer });
    const stage = web.defaultStage?.node.defaultChild as CfnStage;
    const shellThrottle: Record<string, object> = {};
    for (const path of ['/', '/{proxy+}']) {
      const [route] = web.addRoutes({ path, methods: [HttpMethod.GET], integration });
      if (!route) continue;
      // Anyone can call the sign-in shell's routes: their own throttle, well under the stage's,
      // keeps anonymous traffic from taking the query function from the page's data and the
      // scripts' API. The stage names the routes, so it is created after them.
      shellThrottle[`GET ${path}`] = SHELL_THROTTLE;
      stage.node.addDependency(route);
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Page paths serve only the sign-in shell (markup, stylesheet and the sign-in script, no stored data) to browsers that have no token yet; every data request goes to /api behind the JWT authorizer.',
      });
    }

    stage.routeSettings = shellThrottle;

    new CfnOutput(this, 'PageUrl', { value: pageUrl });
    new CfnOutput(this, 'UserPoolId', { value: users.userPoolId });
  }
}
