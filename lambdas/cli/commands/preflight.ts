/**
 * `newswatch preflight --config FILE [--region R] [--qualifier Q]`: before a first deploy, checks
 * what it needs of the account with the deployer's credentials, one line per check. Exit 1 when
 * any check found a problem; warnings alone exit 0.
 */
import { resolve } from 'node:path';
import { createAwsAccountProbe } from '../../adapters/preflight/aws-account.ts';
import { loadConfig } from '../../core/config/load.ts';
import { type CheckResult, DEFAULT_QUALIFIER, preflight } from '../../core/preflight/checks.ts';
import { parseFlags, requireFlag } from '../args.ts';
import { type Command, UsageError } from '../io.ts';

const USAGE = 'newswatch preflight --config FILE [--region R] [--qualifier Q]';

const FLAGS = {
  config: { type: 'string', short: 'c' },
  region: { type: 'string' },
  qualifier: { type: 'string' },
} as const;

function line(result: CheckResult): string {
  const fix = result.fix ? ` → ${result.fix}` : '';
  return `${result.status.padEnd(7)} ${result.check}: ${result.detail}${fix}\n`;
}

export const preflightCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, FLAGS, USAGE);
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument "${positionals[0]}"\nusage: ${USAGE}`);
  const config = loadConfig(resolve(io.cwd, requireFlag(values.config, 'config', USAGE)));
  const results = await preflight(config, createAwsAccountProbe({ region: values.region }), {
    qualifier: values.qualifier ?? DEFAULT_QUALIFIER,
  });
  for (const result of results) io.stdout(line(result));
  const problems = results.filter((r) => r.status === 'problem').length;
  io.stderr(problems === 0 ? 'ready to deploy\n' : `${problems} problem(s) to fix before deploying\n`);
  return problems === 0 ? 0 : 1;
};
