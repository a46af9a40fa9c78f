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
import { type StandIns, startDynalite, startStandIns } from './standins.ts';

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
 * The DynamoDB stand-in alone, for a command that only reads the store (`stories`, `feeds`...):
 * starting the S3 and SES stand-ins too would take most of its time.
 */
export async function openStore(dataDir: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const lease = readLease(dataDir);
  if (lease && (await answering(lease))) return { endpoint: lease.endpoints.dynamodb, stop: async () => {} };
  const dynamo = await startDynalite(dataDir);
  return { endpoint: dynamo.url, stop: () => dynamo.close() };
}
