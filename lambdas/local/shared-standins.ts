/**
 * One process at a time may open `.newswatch/` (LevelDB locks its folder; a second dynalite on it
 * reports "Database is closed" on every call). So the process that starts the stand-ins leaves
 * their addresses in the folder, and `newswatch stories`, `serve` or another `run` started
 * meanwhile talks to those instead of opening the folder again.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsEndpoints } from '../adapters/aws-clients.ts';
import { alive } from './process-alive.ts';
import { type StandIns, startDynalite, startS3, startStandIns } from './standins.ts';

const LEASE_FILE = 'standins.json';

interface Lease {
  pid: number;
  endpoints: Required<AwsEndpoints>;
  mailViewerUrl: string;
}

function readLease(dataDir: string): Lease | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, LEASE_FILE), 'utf8')) as Lease;
  } catch {
    return undefined;
  }
}

/** A lease left by a process that was killed, or whose pid was reused, must not be trusted. */
async function answering(lease: Lease): Promise<boolean> {
  if (!alive(lease.pid)) return false;
  try {
    await fetch(lease.endpoints.dynamodb, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * The stand-ins over `dataDir`: another newswatch's if one shares them, else new ones this
 * process owns, shared with others when `share` is set.
 */
export async function openStandIns(opts: {
  dataDir: string;
  sesPort: number;
  share: boolean;
}): Promise<StandIns> {
  const lease = readLease(opts.dataDir);
  if (lease && (await answering(lease))) {
    return { endpoints: lease.endpoints, mailViewerUrl: lease.mailViewerUrl, stop: async () => {} };
  }
  const standIns = await startStandIns(opts);
  if (!opts.share) return standIns;
  const mine: Lease = {
    pid: process.pid,
    endpoints: standIns.endpoints,
    mailViewerUrl: standIns.mailViewerUrl,
  };
  writeFileSync(join(opts.dataDir, LEASE_FILE), JSON.stringify(mine));
  return {
    ...standIns,
    async stop() {
      if (readLease(opts.dataDir)?.pid === process.pid)
        rmSync(join(opts.dataDir, LEASE_FILE), { force: true });
      await standIns.stop();
    },
  };
}

/**
 * The DynamoDB stand-in, and the S3 one with `archive` (search reads the items' texts), for a
 * command that only reads: starting the SES stand-in too would take most of its time.
 */
export async function openStore(
  dataDir: string,
  opts: { archive?: boolean } = {},
): Promise<{ endpoints: AwsEndpoints; stop(): Promise<void> }> {
  const lease = readLease(dataDir);
  if (lease && (await answering(lease))) return { endpoints: lease.endpoints, stop: async () => {} };
  const [dynamo, s3] = await Promise.all([
    startDynalite(dataDir),
    opts.archive ? startS3(dataDir) : undefined,
  ]);
  return {
    endpoints: { dynamodb: dynamo.url, ...(s3 && { s3: s3.url }) },
    stop: async () => {
      await Promise.all([dynamo.close(), s3?.close()]);
    },
  };
}
