/**
 * AWS SDK clients, built once per cold start. Local runs and tests point them at the stand-ins
 * through `endpoints`; in Lambda the endpoints are absent and the SDK's defaults apply.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface AwsEndpoints {
  dynamodb?: string;
  s3?: string;
  ses?: string;
}

export interface AwsClientOptions {
  region?: string;
  endpoints?: AwsEndpoints;
}

/**
 * Fixed credentials keep the SDK from searching the machine for real ones. s3rver accepts only
 * its built-in key pair; dynalite and the SES stand-in accept any.
 */
const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

function common(endpoint: string | undefined, region: string | undefined) {
  return endpoint
    ? { endpoint, region: region ?? 'us-east-1', credentials: LOCAL_CREDENTIALS }
    : region
      ? { region }
      : {};
}

export function createDocumentClient(opts: AwsClientOptions = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient(common(opts.endpoints?.dynamodb, opts.region));
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export function createS3Client(opts: AwsClientOptions = {}): S3Client {
  const local = opts.endpoints?.s3;
  return new S3Client({
    ...common(local, opts.region),
    // s3rver needs path-style URLs and stores aws-chunked framing verbatim unless checksums are off.
    ...(local
      ? {
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }
      : {}),
  });
}

export function createSesClient(opts: AwsClientOptions = {}): SESv2Client {
  return new SESv2Client(common(opts.endpoints?.ses, opts.region));
}

export function createSqsClient(opts: AwsClientOptions = {}): SQSClient {
  return new SQSClient(opts.region ? { region: opts.region } : {});
}
