/**
 * Local DynamoDB servers for benches: dynalite in-process, and AWS's DynamoDB Local (Java) when its
 * jar is in .cache/dynamodb-local; plus a meter of consumed capacity per command.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import path from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';

export interface Target {
  name: string;
  endpoint: string;
  stop(): Promise<void>;
}

export async function startDynalite(): Promise<Target> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    name: 'dynalite',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function javaWorks(): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function dynamoDbLocalDir(repoRoot: string): string | undefined {
  const dir = process.env.DYNAMODB_LOCAL_DIR ?? path.join(repoRoot, '.cache/dynamodb-local');
  return existsSync(path.join(dir, 'DynamoDBLocal.jar')) && javaWorks() ? dir : undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startDynamoDbLocal(dir: string): Promise<Target> {
  const port = await freePort();
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      'DynamoDBLocal.jar',
      '-inMemory',
      '-port',
      String(port),
    ],
    { cwd: dir, stdio: 'ignore' },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    if (waited > 30_000) throw new Error('DynamoDB Local did not start within 30 s');
    try {
      await fetch(endpoint);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    name: 'DynamoDB Local',
    endpoint,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

export interface Usage {
  read: number;
  write: number;
  requests: number;
  /** Capacity units and requests per command name. */
  byCommand: Map<string, { units: number; requests: number }>;
}

const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand']);

/** Asks every request for its consumed capacity and adds it up. */
export function meter(doc: DynamoDBDocumentClient): Usage {
  const usage: Usage = { read: 0, write: 0, requests: 0, byCommand: new Map() };
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = [(result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity].flat() as (
        | { CapacityUnits?: number }
        | undefined
      )[];
      const units = consumed.reduce((sum, c) => sum + (c?.CapacityUnits ?? 0), 0);
      const name = context.commandName ?? '?';
      if (READS.has(name)) usage.read += units;
      else usage.write += units;
      usage.requests++;
      const entry = usage.byCommand.get(name) ?? { units: 0, requests: 0 };
      usage.byCommand.set(name, { units: entry.units + units, requests: entry.requests + 1 });
      return result;
    },
    { step: 'initialize', name: 'meterCapacity' },
  );
  return usage;
}
