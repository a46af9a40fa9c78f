/**
 * What every AWS SDK client is built with, once per cold start. Local runs and tests point the
 * clients at the stand-ins through `endpoints`; in Lambda the endpoints are absent and the SDK's
 * defaults apply. Each client is built in its own module beside its adapter, so that a bundle
 * loads only the SDK clients its function uses (each one costs tens of milliseconds of cold start).
 */

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

export function clientConfig(endpoint: string | undefined, region: string | undefined) {
  return endpoint
    ? { endpoint, region: region ?? 'us-east-1', credentials: LOCAL_CREDENTIALS }
    : region
      ? { region }
      : {};
}
