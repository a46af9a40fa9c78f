/**
 * Least privilege per function: each role gets the DynamoDB actions and S3 key prefixes its
 * handler calls, no more. The action lists follow the adapters (lambdas/adapters/dynamodb/store/,
 * s3/archive.ts, s3/journal.ts); a new store call means a new action here.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { TABLE_KEYS } from '../lambdas/adapters/dynamodb/schema.ts';

/** What a function does with the table; `index` adds queries on the one GSI. */
export interface TableAccess {
  actions: readonly TableAction[];
  index?: boolean;
}

type TableAction = 'GetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'BatchGetItem' | 'BatchWriteItem';

/**
 * A role that may write only to its own log group: the managed AWSLambdaBasicExecutionRole
 * would let it create log groups and write to any of them.
 */
export function functionRole(scope: Construct, id: string, logGroup: ILogGroup): Role {
  const role = new Role(scope, id, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  logGroup.grantWrite(role);
  return role;
}

export function grantTable(fn: IFunction, table: TableV2, access: TableAccess): void {
  const resources = [table.tableArn];
  if (access.index) resources.push(`${table.tableArn}/index/${TABLE_KEYS.gsi1.name}`);
  fn.addToRolePolicy(new PolicyStatement({ actions: access.actions.map((a) => `dynamodb:${a}`), resources }));
}

/**
 * The fetcher stores raw bodies under `feed/` and `page/` (lambdas/adapters/s3/archive.ts): it
 * checks for the object with a HEAD (s3:GetObject) and uploads it; it never lists, reads back
 * or deletes. s3:ListBucket on the bucket itself makes a HEAD of a missing key answer 404
 * rather than 403, which is how the archive tells "not stored yet" from "refused".
 */
export function grantArchiveWrites(fn: IFunction, bucket: Bucket, prefixes: readonly string[]): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: prefixes.map((prefix) => bucket.arnForObjects(`${prefix}/*`)),
    }),
  );
  fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  const stack = Stack.of(bucket);
  const bucketId = stack.resolve(stack.getLogicalId(bucket.node.defaultChild as CfnBucket)) as string;
  // The finding's id names the bucket and the prefix, so acknowledging it stack-wide is exact.
  for (const prefix of prefixes) {
    Validations.of(stack).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}/*]`,
      reason: `Archive keys are content hashes under ${prefix}/, unknown until the body is fetched: the prefix is as narrow as it gets.`,
    });
  }
}

/**
 * The query function reads item texts for search (lambdas/adapters/s3/archive-reader.ts), under
 * one prefix, and writes nothing. s3:ListBucket makes a text that is gone answer 404, which
 * search reports, rather than 403, which it treats as a failure.
 */
export function grantArchiveReads(fn: IFunction, bucket: Bucket, prefix: string): void {
  fn.addToRolePolicy(
    new PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${prefix}/*`)] }),
  );
  fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
}

/**
 * The story stage reads and writes its journal under `stage/` (lambdas/adapters/s3/journal.ts):
 * a snapshot and numbered batches. Reading a batch that does not exist yet is how it finds the
 * end, so it needs s3:ListBucket for a 404 rather than a 403 (a prefix condition would not
 * apply to the GET, so none is set).
 */
export function grantJournal(fn: IFunction, bucket: Bucket): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: [bucket.arnForObjects('stage/*')],
    }),
  );
  fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  const stack = Stack.of(bucket);
  const bucketId = stack.resolve(stack.getLogicalId(bucket.node.defaultChild as CfnBucket)) as string;
  Validations.of(stack).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/stage/*]`,
    reason: 'The journal is a snapshot and numbered batch objects under stage/, written as the stage runs.',
  });
}
