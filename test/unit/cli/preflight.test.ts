/**
 * `newswatch preflight` against the SDK clients it builds, answered with responses in the shapes
 * the AWS APIs return (aws-sdk-client-mock replaces each client's send): a ready account, then
 * one failure at a time.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetAccountSettingsCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetAccountCommand, GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from '../../../lambdas/cli/main.ts';

const sts = mockClient(STSClient);
const ssm = mockClient(SSMClient);
const ses = mockClient(SESv2Client);
const lambda = mockClient(LambdaClient);
afterAll(() => {
  for (const mock of [sts, ssm, ses, lambda]) mock.restore();
});

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const meta = { $metadata: { httpStatusCode: 200, requestId: 'c6104cbe-af31-11e0-8154-cbc7ccf896c7' } };

/** Errors as the SDK throws them: the service's exception name, status and message. */
function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status } });
}

const parameter = (Name: string, Value: string) => ({
  ...meta,
  Parameter: {
    Name,
    Type: 'String' as const,
    Value,
    Version: 1,
    DataType: 'text',
    ARN: `arn:aws:ssm:${REGION}::parameter${Name}`,
  },
});
const identity = (name: string, verified: boolean) => ({
  ...meta,
  IdentityType: name.includes('@') ? ('EMAIL_ADDRESS' as const) : ('DOMAIN' as const),
  FeedbackForwardingStatus: true,
  VerifiedForSendingStatus: verified,
  VerificationStatus: verified ? ('SUCCESS' as const) : ('PENDING' as const),
});
const notFound = (name: string) =>
  awsError('NotFoundException', `Email identity ${name} does not exist.`, 404);
const servicePath = (service: string) =>
  `/aws/service/global-infrastructure/regions/${REGION}/services/${service}`;

/** A ready account: bootstrapped, out of the sandbox, sender verified, default Lambda quota. */
function readyAccount(): void {
  for (const mock of [sts, ssm, ses, lambda]) mock.reset();
  sts.on(GetCallerIdentityCommand).resolves({
    ...meta,
    UserId: 'AIDASAMPLEUSERID',
    Account: ACCOUNT,
    Arn: `arn:aws:iam::${ACCOUNT}:user/deployer`,
  });
  ssm.on(GetParameterCommand).rejects(awsError('ParameterNotFound', 'Parameter not found'));
  ssm
    .on(GetParameterCommand, { Name: '/cdk-bootstrap/hnb659fds/version' })
    .resolves(parameter('/cdk-bootstrap/hnb659fds/version', '29'));
  for (const service of ['cognito-idp', 'ses'])
    ssm
      .on(GetParameterCommand, { Name: servicePath(service) })
      .resolves(parameter(servicePath(service), service));
  ses.on(GetAccountCommand).resolves({
    ...meta,
    DedicatedIpAutoWarmupEnabled: false,
    EnforcementStatus: 'HEALTHY',
    ProductionAccessEnabled: true,
    SendQuota: { Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 0 },
    SendingEnabled: true,
  });
  ses.on(GetEmailIdentityCommand).callsFake((input: { EmailIdentity: string }) => {
    throw notFound(input.EmailIdentity);
  });
  ses
    .on(GetEmailIdentityCommand, { EmailIdentity: 'alerts@example.org' })
    .resolves(identity('alerts@example.org', true));
  lambda.on(GetAccountSettingsCommand).resolves({
    ...meta,
    AccountLimit: {
      TotalCodeSize: 80530636800,
      CodeSizeUnzipped: 262144000,
      CodeSizeZipped: 52428800,
      ConcurrentExecutions: 1000,
      UnreservedConcurrentExecutions: 1000,
    },
    AccountUsage: { TotalCodeSize: 0, FunctionCount: 0 },
  });
}

const dir = mkdtempSync(join(tmpdir(), 'newswatch-preflight-'));

/** The example configuration with `alerts.from` set, and whatever `operations` a case needs. */
function configFile(operations: Record<string, unknown> = {}): string {
  const config = parse(readFileSync('config/example.yaml', 'utf8'));
  config.alerts.from = 'alerts@example.org';
  config.operations = { ...config.operations, ...operations };
  const path = join(dir, `config-${Object.keys(operations).join('-') || 'plain'}.yaml`);
  writeFileSync(path, stringify(config));
  return path;
}

async function preflight(extra: string[] = [], config = configFile()) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['preflight', '--config', config, '--region', REGION, ...extra], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: process.cwd(),
  });
  return { code, lines: out.join('').trimEnd().split('\n'), stderr: err.join('') };
}

const byCheck = (lines: string[], check: string) => lines.filter((l) => l.slice(8).startsWith(`${check}:`));

describe('newswatch preflight', () => {
  beforeEach(readyAccount);

  it('passes a ready account, one ok line per check, exit 0', async () => {
    const { code, lines, stderr } = await preflight();
    expect(lines).toEqual([
      `ok      credentials: account ${ACCOUNT} in ${REGION}`,
      `ok      cognito-idp in region: Cognito user pools (the reading page) offered in ${REGION}`,
      `ok      ses in region: SES (alert emails) offered in ${REGION}`,
      'ok      CDK bootstrap: version 29 (qualifier hnb659fds)',
      `ok      SES sending: enabled in ${REGION}`,
      'ok      alerts.from: alerts@example.org is verified',
      'ok      SES sandbox: production access: any recipient',
      'ok      Lambda quota: 1000 concurrent executions',
      'ok      reserved concurrency: none asked for (operations.reservedConcurrency)',
    ]);
    expect(stderr).toBe('ready to deploy\n');
    expect(code).toBe(0);
  });

  it('makes only read calls', async () => {
    await preflight();
    const commands = [sts, ssm, ses, lambda].flatMap((m) => m.calls().map((c) => c.args[0].constructor.name));
    expect(new Set(commands)).toEqual(
      new Set([
        'GetCallerIdentityCommand',
        'GetParameterCommand',
        'GetAccountCommand',
        'GetEmailIdentityCommand',
        'GetAccountSettingsCommand',
      ]),
    );
  });

  it("asks us-east-1, which answers for every region, which services the deploy's region offers", async () => {
    await preflight();
    const regions = await Promise.all(
      ssm
        .commandCalls(GetParameterCommand)
        .map(async (call) => [call.args[0].input.Name, await (call.thisValue as SSMClient).config.region()]),
    );
    expect(regions.sort()).toEqual([
      ['/aws/service/global-infrastructure/regions/eu-west-1/services/cognito-idp', 'us-east-1'],
      ['/aws/service/global-infrastructure/regions/eu-west-1/services/ses', 'us-east-1'],
      ['/cdk-bootstrap/hnb659fds/version', REGION],
    ]);
  });

  it('accepts a sender verified through its domain, and a sandbox whose recipients are all verified', async () => {
    ses
      .on(GetEmailIdentityCommand, { EmailIdentity: 'alerts@example.org' })
      .rejects(notFound('alerts@example.org'));
    ses.on(GetEmailIdentityCommand, { EmailIdentity: 'example.org' }).resolves(identity('example.org', true));
    ses
      .on(GetEmailIdentityCommand, { EmailIdentity: 'desk@example.com' })
      .resolves(identity('desk@example.com', true));
    ses.on(GetAccountCommand).resolves({ ...meta, ProductionAccessEnabled: false, SendingEnabled: true });
    const { code, lines } = await preflight();
    expect(byCheck(lines, 'alerts.from')).toEqual(['ok      alerts.from: alerts@example.org is verified']);
    expect(byCheck(lines, 'SES sandbox')[0]).toMatch(
      /^warn {4}SES sandbox: .*verified recipients only.* → request production access/,
    );
    expect(byCheck(lines, 'recipient')).toEqual(['ok      recipient: desk@example.com is verified']);
    expect(code).toBe(0);
  });

  describe('names each failure and what to do, exit 1', () => {
    async function failing(check: string, extra: string[] = [], config?: string) {
      const { code, lines, stderr } = await preflight(extra, config);
      expect(code).toBe(1);
      expect(stderr).toMatch(/problem\(s\) to fix before deploying/);
      const problems = lines.filter((l) => l.startsWith('problem'));
      expect(problems.map((l) => l.slice(8).split(':')[0])).toEqual([check]);
      return problems[0] ?? '';
    }

    it('without usable credentials, and checks nothing else', async () => {
      sts
        .on(GetCallerIdentityCommand)
        .rejects(awsError('CredentialsProviderError', 'Could not load credentials from any providers'));
      expect(await failing('credentials')).toMatch(/Could not load credentials.* → configure credentials/);
      expect(ssm.calls()).toHaveLength(0);
    });

    it('when the account and region were never bootstrapped', async () => {
      ssm
        .on(GetParameterCommand, { Name: '/cdk-bootstrap/hnb659fds/version' })
        .rejects(awsError('ParameterNotFound', ''));
      expect(await failing('CDK bootstrap')).toContain(`→ npx cdk bootstrap aws://${ACCOUNT}/${REGION}`);
    });

    it('when the bootstrap stack is older than deploys need', async () => {
      ssm
        .on(GetParameterCommand, { Name: '/cdk-bootstrap/hnb659fds/version' })
        .resolves(parameter('/cdk-bootstrap/hnb659fds/version', '5'));
      expect(await failing('CDK bootstrap')).toContain('version 5 is older than the 6 deploys need');
    });

    it('looks the bootstrap up under the qualifier it is given', async () => {
      ssm
        .on(GetParameterCommand, { Name: '/cdk-bootstrap/custom/version' })
        .resolves(parameter('/cdk-bootstrap/custom/version', '29'));
      const { code } = await preflight(['--qualifier', 'custom']);
      expect(code).toBe(0);
    });

    it('when alerts.from is no SES identity', async () => {
      ses
        .on(GetEmailIdentityCommand, { EmailIdentity: 'alerts@example.org' })
        .rejects(notFound('alerts@example.org'));
      expect(await failing('alerts.from')).toContain(
        `alerts@example.org is not an SES identity in ${REGION} → aws sesv2 create-email-identity --email-identity alerts@example.org --region ${REGION}`,
      );
    });

    it('when alerts.from is still awaiting verification', async () => {
      ses
        .on(GetEmailIdentityCommand, { EmailIdentity: 'alerts@example.org' })
        .resolves(identity('alerts@example.org', false));
      expect(await failing('alerts.from')).toContain('awaiting verification → click the link');
    });

    it('when SES sending is paused for the account', async () => {
      ses.on(GetAccountCommand).resolves({ ...meta, ProductionAccessEnabled: true, SendingEnabled: false });
      expect(await failing('SES sending')).toContain('sending is paused');
    });

    it('in the sandbox, for a recipient that is not verified', async () => {
      ses.on(GetAccountCommand).resolves({ ...meta, ProductionAccessEnabled: false, SendingEnabled: true });
      expect(await failing('recipient')).toContain('desk@example.com is not verified');
    });

    it('when the reserved concurrency asked for does not fit under the quota', async () => {
      lambda.on(GetAccountSettingsCommand).resolves({
        ...meta,
        AccountLimit: { ConcurrentExecutions: 10, UnreservedConcurrentExecutions: 10 },
      });
      const { lines } = await preflight([], configFile({ reservedConcurrency: { fetcher: 10, query: 5 } }));
      expect(byCheck(lines, 'Lambda quota')[0]).toMatch(
        /^warn {4}Lambda quota: 10 concurrent executions.* → aws service-quotas/,
      );
      expect(
        await failing(
          'reserved concurrency',
          [],
          configFile({ reservedConcurrency: { fetcher: 10, query: 5 } }),
        ),
      ).toContain('asks for 15, but only 0 can be reserved (10 unreserved, AWS keeps 10)');
    });

    it('in a region without Cognito user pools', async () => {
      ssm
        .on(GetParameterCommand, { Name: servicePath('cognito-idp') })
        .rejects(awsError('ParameterNotFound', ''));
      expect(await failing('cognito-idp in region')).toContain(`not offered in ${REGION}`);
    });

    it('in a region without SES', async () => {
      ssm.on(GetParameterCommand, { Name: servicePath('ses') }).rejects(awsError('ParameterNotFound', ''));
      expect(await failing('ses in region')).toContain(`SES (alert emails) not offered in ${REGION}`);
    });

    it('when the credentials may not read what a check needs', async () => {
      lambda
        .on(GetAccountSettingsCommand)
        .rejects(
          awsError(
            'AccessDeniedException',
            'User is not authorized to perform: lambda:GetAccountSettings',
            403,
          ),
        );
      expect(await failing('Lambda concurrency')).toMatch(
        /could not be read: User is not authorized.* → check the permissions/,
      );
    });
  });

  it('refuses to run without --config, exit 2', async () => {
    const err: string[] = [];
    const code = await main(['preflight'], {
      stdout: () => {},
      stderr: (t) => err.push(t),
      cwd: process.cwd(),
    });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/--config is required/);
  });
});
