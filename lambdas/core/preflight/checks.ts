/**
 * What a first deploy needs from the account, checked before CloudFormation finds out the slow
 * way (a rollback) or SES the silent way (no email): each check says ok, or what is wrong and
 * what to do. The facts come through a port (AccountProbe); the rules are here.
 */
import type { Config } from '../config/schema.ts';
import type { AccountProbe } from '../ports.ts';

export type CheckStatus = 'ok' | 'warn' | 'problem';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  detail: string;
  /** What to do about a warning or a problem. */
  fix?: string;
}

export interface PreflightOptions {
  /** The CDK bootstrap qualifier (`cdk bootstrap --qualifier`); CDK's default otherwise. */
  qualifier: string;
}

export const DEFAULT_QUALIFIER = 'hnb659fds';

/** Templates CDK synthesizes refuse bootstrap stacks older than this (their CheckBootstrapVersion rule). */
const MIN_BOOTSTRAP_VERSION = 6;
/** Lambda keeps this much of the account's concurrency unreserved, whatever functions ask. */
const UNRESERVED_FLOOR = 10;
/**
 * What the functions may run at once without reserving any (lib/newswatch-stack.ts): ten
 * fetchers and two alerters (their event sources), one stage (its message group), a scheduler
 * and a query function.
 */
const EXPECTED_PEAK = 15;
/** The Lambda "Concurrent executions" quota in Service Quotas. */
const CONCURRENCY_QUOTA =
  'aws service-quotas request-service-quota-increase --service-code lambda --quota-code L-B99A9384 --desired-value 100';

const ok = (check: string, detail: string): CheckResult => ({ check, status: 'ok', detail });
const problem = (check: string, detail: string, fix: string): CheckResult => ({
  check,
  status: 'problem',
  detail,
  fix,
});

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A check whose facts could not be read is a problem in its own right, reported with why. */
async function guarded(check: string, run: () => Promise<CheckResult[]>): Promise<CheckResult[]> {
  try {
    return await run();
  } catch (err) {
    return [
      problem(check, `could not be read: ${message(err)}`, 'check the permissions of these credentials'),
    ];
  }
}

/** Every check, in the order a deployer fixes them; without a region or credentials, that one alone. */
export async function preflight(
  config: Config,
  probe: AccountProbe,
  opts: PreflightOptions = { qualifier: DEFAULT_QUALIFIER },
): Promise<CheckResult[]> {
  let region: string;
  try {
    region = await probe.region();
  } catch (err) {
    return [problem('region', message(err), 'pass --region R, or set AWS_REGION or a profile region')];
  }
  let account: string;
  try {
    const who = await probe.identity();
    account = who.account;
  } catch (err) {
    return [
      problem(
        'credentials',
        `no usable AWS credentials: ${message(err)}`,
        'configure credentials (aws configure, AWS_PROFILE, or aws sso login) and run again',
      ),
    ];
  }
  const groups = await Promise.all([
    guarded('services', () => servicesIn(region, probe)),
    guarded('CDK bootstrap', async () => [await bootstrap(account, region, probe, opts.qualifier)]),
    guarded('SES', () => mail(config, region, probe)),
    guarded('Lambda concurrency', async () => concurrency(config, await probe.lambdaConcurrency())),
  ]);
  return [ok('credentials', `account ${account} in ${region}`), ...groups.flat()];
}

async function servicesIn(region: string, probe: AccountProbe): Promise<CheckResult[]> {
  const wanted = { 'cognito-idp': 'Cognito user pools (the reading page)', ses: 'SES (alert emails)' };
  return Promise.all(
    Object.entries(wanted).map(async ([code, what]) =>
      (await probe.offersService(code))
        ? ok(`${code} in region`, `${what} offered in ${region}`)
        : problem(
            `${code} in region`,
            `${what} not offered in ${region}`,
            'deploy to a region that has both',
          ),
    ),
  );
}

async function bootstrap(
  account: string,
  region: string,
  probe: AccountProbe,
  qualifier: string,
): Promise<CheckResult> {
  const version = await probe.bootstrapVersion(qualifier);
  const fix = `npx cdk bootstrap aws://${account}/${region}`;
  if (version === undefined)
    return problem('CDK bootstrap', `${account}/${region} is not bootstrapped (qualifier ${qualifier})`, fix);
  if (version < MIN_BOOTSTRAP_VERSION)
    return problem(
      'CDK bootstrap',
      `version ${version} is older than the ${MIN_BOOTSTRAP_VERSION} deploys need`,
      fix,
    );
  return ok('CDK bootstrap', `version ${version} (qualifier ${qualifier})`);
}

/** Verified by the address itself or by its domain. */
async function verified(probe: AccountProbe, address: string): Promise<boolean | 'pending'> {
  const [own, domain] = await Promise.all([
    probe.mailIdentity(address),
    probe.mailIdentity(domainOf(address)),
  ]);
  if (own?.verified || domain?.verified) return true;
  return own || domain ? 'pending' : false;
}

const verifyFix = (address: string, region: string) =>
  `aws sesv2 create-email-identity --email-identity ${address} --region ${region}, then click the link SES sends`;

async function mail(config: Config, region: string, probe: AccountProbe): Promise<CheckResult[]> {
  const from = config.alerts.from;
  const [account, sender] = await Promise.all([probe.mailAccount(), verified(probe, from)]);
  const results: CheckResult[] = [];
  results.push(
    account.sendingEnabled
      ? ok('SES sending', `enabled in ${region}`)
      : problem(
          'SES sending',
          `sending is paused for this account in ${region}`,
          'see the SES console’s account dashboard',
        ),
  );
  if (sender === true) results.push(ok('alerts.from', `${from} is verified`));
  else
    results.push(
      problem(
        'alerts.from',
        sender === 'pending'
          ? `${from} is awaiting verification`
          : `${from} is not an SES identity in ${region}`,
        sender === 'pending' ? 'click the link SES sent to it' : verifyFix(from, region),
      ),
    );
  if (!account.sandbox) {
    results.push(ok('SES sandbox', 'production access: any recipient'));
    return results;
  }
  results.push({
    check: 'SES sandbox',
    status: 'warn',
    detail: 'the account is in the sandbox: alerts reach verified recipients only, 200 a day',
    fix: 'request production access in the SES console (Account dashboard)',
  });
  const recipients = [...new Set(config.topics.flatMap((t) => t.recipients ?? []))];
  const states = await Promise.all(recipients.map((r) => verified(probe, r)));
  recipients.forEach((r, i) => {
    results.push(
      states[i] === true
        ? ok('recipient', `${r} is verified`)
        : problem(
            'recipient',
            `${r} is not verified, and the sandbox sends only to verified addresses`,
            verifyFix(r, region),
          ),
    );
  });
  return results;
}

function concurrency(config: Config, lambda: { limit: number; unreserved: number }): CheckResult[] {
  const asked = Object.values(config.operations.reservedConcurrency).reduce<number>(
    (sum, n) => sum + (n ?? 0),
    0,
  );
  const quota: CheckResult =
    lambda.limit >= EXPECTED_PEAK
      ? ok('Lambda quota', `${lambda.limit} concurrent executions`)
      : {
          check: 'Lambda quota',
          status: 'warn',
          detail: `${lambda.limit} concurrent executions, under the ${EXPECTED_PEAK} the functions may use at once: some will be throttled and retried`,
          fix: CONCURRENCY_QUOTA,
        };
  const room = lambda.unreserved - UNRESERVED_FLOOR;
  const reserved =
    asked === 0
      ? ok('reserved concurrency', 'none asked for (operations.reservedConcurrency)')
      : asked <= room
        ? ok('reserved concurrency', `${asked} asked for, ${room} can be reserved`)
        : problem(
            'reserved concurrency',
            `operations.reservedConcurrency asks for ${asked}, but only ${Math.max(room, 0)} can be reserved (${lambda.unreserved} unreserved, AWS keeps ${UNRESERVED_FLOOR})`,
            `lower operations.reservedConcurrency, or raise the quota: ${CONCURRENCY_QUOTA}`,
          );
  return [quota, reserved];
}
