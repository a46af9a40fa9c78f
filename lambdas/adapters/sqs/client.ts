/** The SQS client behind the work queue (Lambda only: local runs queue in memory). */
import { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsClientOptions } from '../aws-clients.ts';

export function createSqsClient(opts: AwsClientOptions = {}): SQSClient {
  return new SQSClient(opts.region ? { region: opts.region } : {});
}
