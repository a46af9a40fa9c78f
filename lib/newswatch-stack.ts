/**
 * Wiring only: which resources exist and who may talk to whom. Thresholds, topic syntax and
 * other business rules live in lambdas/core or in the configuration file.
 *
 *   EventBridge ─► scheduler λ ─► feed queue (SQS, DLQ) ─► fetcher λ ─► DynamoDB + S3
 *                                                             └──► alert queue (SQS, DLQ) ─► alerter λ ─► SES
 *   EventBridge (sweep) ─────────────────────────────────────────────────────────────────────► alerter λ
 *   HTTP API (IAM) ─► query λ ─► DynamoDB
 *   web HTTP API: page shell (public) · /api (JWT from the Cognito user pool) ─► query λ
 */
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import {
  AccountRecovery,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_KEYS } from '../lambdas/adapters/dynamodb/schema.ts';

export interface NewswatchStackProps extends StackProps {
  /** The configuration file's text, inlined into each bundle. */
  configText: string;
  /** EventBridge schedule expression, e.g. rate(15 minutes). */
  schedule: string;
  /** SES identity the alerts are sent from. */
  senderAddress: string;
  /** The configured topics' names: the page's topic filter offers them. */
  topicNames: string[];
  /**
   * Prefix of the sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`), unique per region;
   * by default the stack name and account id.
   */
  authDomainPrefix?: string;
}

const handlerPath = (name: string) =>
  fileURLToPath(new URL(`../lambdas/handlers/${name}.ts`, import.meta.url));

function queueWithDlq(scope: Construct, id: string, visibilityTimeout: Duration): Queue {
  const deadLetterQueue = new Queue(scope, `${id}Dlq`, {
    retentionPeriod: Duration.days(14),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  return new Queue(scope, id, {
    visibilityTimeout,
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 5 },
  });
}

export class NewswatchStack extends Stack {
  constructor(scope: Construct, id: string, props: NewswatchStackProps) {
    super(scope, id, props);
    const { partitionKey, sortKey, gsi1, ttlAttribute } = TABLE_KEYS;

    const table = new TableV2(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      timeToLiveAttribute: ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      globalSecondaryIndexes: [
        {
          indexName: gsi1.name,
          partitionKey: { name: gsi1.partitionKey, type: AttributeType.STRING },
          sortKey: { name: gsi1.sortKey, type: AttributeType.STRING },
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const archive = new Bucket(this, 'Archive', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const fetcherTimeout = Duration.minutes(2);
    // AWS advises a visibility timeout of six times the function timeout for SQS event sources.
    const feedQueue = queueWithDlq(this, 'FeedQueue', Duration.minutes(12));
    const alertQueue = queueWithDlq(this, 'AlertQueue', Duration.minutes(3));

    const environment = {
      NEWSWATCH_TABLE: table.tableName,
      NEWSWATCH_BUCKET: archive.bucketName,
      NEWSWATCH_FEED_QUEUE_URL: feedQueue.queueUrl,
      NEWSWATCH_ALERT_QUEUE_URL: alertQueue.queueUrl,
      POWERTOOLS_SERVICE_NAME: 'newswatch',
      NODE_OPTIONS: '--enable-source-maps',
    };
    const fn = (name: string, timeout: Duration, memorySize = 512) => {
      const id = `${name[0]?.toUpperCase()}${name.slice(1)}`;
      const logGroup = new LogGroup(this, `${id}Logs`, {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      return new NodejsFunction(this, `${id}Function`, {
        entry: handlerPath(name),
        handler: 'handler',
        runtime: Runtime.NODEJS_22_X,
        architecture: Architecture.ARM_64,
        memorySize,
        timeout,
        environment,
        logGroup,
        bundling: {
          format: OutputFormat.ESM,
          target: 'node22',
          sourceMap: true,
          minify: true,
          mainFields: ['module', 'main'],
          // Some dependencies are CommonJS; an ESM bundle needs `require` provided for them.
          banner:
            "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
          define: { 'process.env.NEWSWATCH_CONFIG': JSON.stringify(props.configText) },
        },
      });
    };

    const scheduler = fn('scheduler', Duration.seconds(30), 256);
    const fetcher = fn('fetcher', fetcherTimeout, 1024);
    const alerter = fn('alerter', Duration.seconds(30), 256);
    const query = fn('query', Duration.seconds(10), 512);

    table.grantReadData(scheduler);
    feedQueue.grantSendMessages(scheduler);
    table.grantReadWriteData(fetcher);
    archive.grantReadWrite(fetcher);
    alertQueue.grantSendMessages(fetcher);
    table.grantReadWriteData(alerter);
    table.grantReadData(query);

    const identity = (name: string) =>
      this.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    const senderDomain = props.senderAddress.split('@')[1] ?? props.senderAddress;
    alerter.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [identity(props.senderAddress), identity(senderDomain)],
      }),
    );

    fetcher.addEventSource(
      new SqsEventSource(feedQueue, { batchSize: 5, reportBatchItemFailures: true, maxConcurrency: 10 }),
    );
    alerter.addEventSource(new SqsEventSource(alertQueue, { batchSize: 10, reportBatchItemFailures: true }));

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
    const integration = new HttpLambdaIntegration('QueryIntegration', query);
    for (const path of ['/stories', '/stories/{id}', '/topics/{name}/matches', '/feeds']) {
      api.addRoutes({ path, methods: [HttpMethod.GET], integration });
    }

    this.readingPage(query, props);

    // A message in a dead-letter queue is a feed or an alert that failed five times: someone should look.
    for (const [name, queue] of [
      ['FeedDeadLetters', feedQueue],
      ['AlertDeadLetters', alertQueue],
    ] as const) {
      const dlq = queue.deadLetterQueue?.queue;
      if (!dlq) continue;
      new Alarm(this, name, {
        metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `${name}: messages that failed processing five times`,
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'ArchiveBucket', { value: archive.bucketName });
    new CfnOutput(this, 'FeedDeadLetterQueue', { value: feedQueue.deadLetterQueue?.queue.queueUrl ?? '' });
  }

  /**
   * The reading page for a team: users an admin adds to a Cognito user pool sign in through its
   * hosted UI (authorization code with PKCE, no client secret in the browser), and the web API's
   * JWT authorizer admits their tokens to /api. The page paths themselves serve only the
   * sign-in shell, which holds no data. The query function keeps read-only access to the table.
   */
  private readingPage(query: NodejsFunction, props: NewswatchStackProps): void {
    const users = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12 },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const domain = users.addDomain('SignIn', {
      cognitoDomain: {
        domainPrefix: props.authDomainPrefix ?? `${this.stackName.toLowerCase()}-${this.account}`,
      },
    });
    const web = new HttpApi(this, 'WebApi', { description: 'newswatch reading page' });
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
    web.addRoutes({ path: '/', methods: [HttpMethod.GET], integration });
    web.addRoutes({ path: '/{proxy+}', methods: [HttpMethod.GET], integration });

    new CfnOutput(this, 'PageUrl', { value: pageUrl });
    new CfnOutput(this, 'UserPoolId', { value: users.userPoolId });
  }
}
