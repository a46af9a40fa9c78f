/**
 * Who touched the archive and who called the API: access logs, kept long enough to answer
 * "what happened last month" and short enough to cost little.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { CfnStage, HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { DataRemoval } from './removal.ts';

/** Server access logs of the archive bucket. S3 delivers them only to SSE-S3 buckets. */
export function accessLogBucket(scope: Construct, removal: DataRemoval): Bucket {
  return new Bucket(scope, 'AccessLogs', {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    lifecycleRules: [{ expiration: Duration.days(90) }],
    ...removal,
  });
}

/**
 * The API's default stage, throttled: every request costs a Lambda invocation and DynamoDB
 * reads, and a signed client in a loop should meet a 429, not a bill. Access logs name the
 * caller. Set on the stage the API already has: a second `$default` stage would not deploy
 * over an existing one.
 */
export function throttleAndLogApi(scope: Construct, api: HttpApi): void {
  const stage = api.defaultStage?.node.defaultChild as CfnStage;
  const logGroup = new LogGroup(scope, 'QueryApiAccessLogs', {
    retention: RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  stage.defaultRouteSettings = { throttlingRateLimit: 20, throttlingBurstLimit: 40 };
  stage.accessLogSettings = {
    destinationArn: logGroup.logGroupArn,
    format: JSON.stringify({
      requestId: '$context.requestId',
      caller: '$context.identity.caller',
      user: '$context.identity.user',
      ip: '$context.identity.sourceIp',
      route: '$context.routeKey',
      status: '$context.status',
      latencyMs: '$context.integrationLatency',
      time: '$context.requestTime',
    }),
  };
}
