/** The SES v2 client behind the mailer. */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { type AwsClientOptions, clientConfig } from '../aws-clients.ts';

export function createSesClient(opts: AwsClientOptions = {}): SESv2Client {
  return new SESv2Client(clientConfig(opts.endpoints?.ses, opts.region));
}
