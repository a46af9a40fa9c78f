/**
 * The account as `newswatch preflight` reads it: SDK v3 clients with the deployer's credentials
 * (the SDK's usual chain), read-only calls only. Absent things (a parameter, an identity) are
 * answers, not errors; anything else is thrown for the check to report.
 */
import { GetAccountSettingsCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetAccountCommand, GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AccountProbe } from '../../core/ports.ts';

export class AccountProbeError extends Error {
  override name = 'AccountProbeError';
}

const isNamed = (err: unknown, name: string) => (err as { name?: string }).name === name;

/**
 * AWS publishes which services each region offers as public SSM parameters, answered only by some
 * regions; us-east-1 is one, and names every region in the partition.
 */
const INFRASTRUCTURE_REGION = 'us-east-1';

export function createAwsAccountProbe(opts: { region?: string } = {}): AccountProbe {
  const config = opts.region ? { region: opts.region } : {};
  const sts = new STSClient(config);
  const ssm = new SSMClient(config);
  const infrastructure = new SSMClient({ region: INFRASTRUCTURE_REGION });
  const ses = new SESv2Client(config);
  const lambda = new LambdaClient(config);

  async function parameter(Name: string, client = ssm): Promise<string | undefined> {
    try {
      return (await client.send(new GetParameterCommand({ Name }))).Parameter?.Value;
    } catch (err) {
      if (isNamed(err, 'ParameterNotFound')) return undefined;
      throw err;
    }
  }

  return {
    async region() {
      try {
        return await sts.config.region();
      } catch (err) {
        throw new AccountProbeError('no AWS region is configured', { cause: err });
      }
    },

    async identity() {
      const out = await sts.send(new GetCallerIdentityCommand({}));
      if (!out.Account || !out.Arn) throw new AccountProbeError('STS answered without an account');
      return { account: out.Account, arn: out.Arn };
    },

    async bootstrapVersion(qualifier) {
      const value = await parameter(`/cdk-bootstrap/${qualifier}/version`);
      return value === undefined ? undefined : Number(value);
    },

    async offersService(service) {
      const region = await sts.config.region();
      const name = `/aws/service/global-infrastructure/regions/${region}/services/${service}`;
      return (await parameter(name, infrastructure)) !== undefined;
    },

    async mailAccount() {
      const out = await ses.send(new GetAccountCommand({}));
      return { sandbox: out.ProductionAccessEnabled !== true, sendingEnabled: out.SendingEnabled === true };
    },

    async mailIdentity(name) {
      try {
        const out = await ses.send(new GetEmailIdentityCommand({ EmailIdentity: name }));
        return { verified: out.VerifiedForSendingStatus === true };
      } catch (err) {
        if (isNamed(err, 'NotFoundException')) return undefined;
        throw err;
      }
    },

    async lambdaConcurrency() {
      const out = await lambda.send(new GetAccountSettingsCommand({}));
      const limit = out.AccountLimit?.ConcurrentExecutions;
      const unreserved = out.AccountLimit?.UnreservedConcurrentExecutions;
      if (limit === undefined || unreserved === undefined)
        throw new AccountProbeError('Lambda answered without the account’s concurrency limits');
      return { limit, unreserved };
    },
  };
}
