/**
 * DynamoDB stand-ins for integration tests: dynalite always, and AWS's DynamoDB Local when Java
 * and the jar (scripts/fetch-dynamodb-local.sh) are present, so storage code is checked against
 * both and cannot lean on what only one of them offers.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { createDocumentClient } from '../../lambdas/adapters/dynamodb/client.ts';
import { createTableInput } from '../../lambdas/adapters/dynamodb/schema.ts';
import { missingUnderCi, runsHere } from './ci.ts';

export interface DynamoTarget {
  name: 'dynalite' | 'dynamodb-local';
  endpoint: string;
  stop(): Promise<void>;
}

const JAR_DIR = process.env.DYNAMODB_LOCAL_DIR ?? resolve(import.meta.dirname, '../../.cache/dynamodb-local');

function hasJava(): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const DYNAMODB_LOCAL = `DynamoDB Local (Java and ${JAR_DIR}, from scripts/fetch-dynamodb-local.sh)`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

export async function startDynalite(): Promise<DynamoTarget> {
  const server: Server = dynalite({ createTableMs: 0 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    name: 'dynalite',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`DynamoDB Local did not listen on ${port} within ${timeoutMs} ms`);
}

/** Whether this machine has Java and the DynamoDB Local jar. */
export function dynamoDbLocalAvailable(): boolean {
  return existsSync(join(JAR_DIR, 'DynamoDBLocal.jar')) && hasJava();
}

export async function startDynamoDbLocal(available = dynamoDbLocalAvailable()): Promise<DynamoTarget> {
  if (!available) throw missingUnderCi(DYNAMODB_LOCAL);
  const port = await freePort();
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(JAR_DIR, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(JAR_DIR, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-port',
      String(port),
    ],
    { cwd: JAR_DIR, stdio: 'ignore' },
  );
  await waitForPort(port, child, 30_000);
  return {
    name: 'dynamodb-local',
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/**
 * The targets a storage suite is parameterised over: dynalite, and DynamoDB Local where it runs.
 * Looked for when a suite asks, so that suites using dynalite alone neither probe for Java nor
 * report its absence.
 */
export function dynamoTargets(): { name: DynamoTarget['name']; start: () => Promise<DynamoTarget> }[] {
  const available = dynamoDbLocalAvailable();
  return [
    { name: 'dynalite', start: startDynalite },
    ...(runsHere(available, DYNAMODB_LOCAL)
      ? [{ name: 'dynamodb-local' as const, start: () => startDynamoDbLocal(available) }]
      : []),
  ];
}

let tableCounter = 0;

export async function createTestTable(
  endpoint: string,
): Promise<{ doc: DynamoDBDocumentClient; tableName: string }> {
  const doc = createDocumentClient({ endpoints: { dynamodb: endpoint } });
  const tableName = `test-${process.pid}-${++tableCounter}`;
  await doc.send(new CreateTableCommand(createTableInput(tableName)));
  return { doc, tableName };
}
