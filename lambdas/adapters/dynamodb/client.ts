/** The DynamoDB document client every store and index in this folder is given. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AwsClientOptions, clientConfig } from '../aws-clients.ts';

export function createDocumentClient(opts: AwsClientOptions = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient(clientConfig(opts.endpoints?.dynamodb, opts.region));
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
