/**
 * AWS's DynamoDB Local (Java), one for the whole integration run: its JVM took some three
 * seconds of CPU and six of wall time to answer, and every storage suite used to start its own.
 * The project's global setup starts it without waiting, so it warms up while the first suites
 * run; a suite waits for it to answer (dynamodb.ts) and makes tables of its own, under names no
 * other suite uses, so suites share it even when they run side by side.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join, resolve } from 'node:path';

const JAR_DIR = process.env.DYNAMODB_LOCAL_DIR ?? resolve(import.meta.dirname, '../../.cache/dynamodb-local');

export const DYNAMODB_LOCAL = `DynamoDB Local (Java and ${JAR_DIR}, from scripts/fetch-dynamodb-local.sh)`;

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absent when this machine lacks Java or the jar. */
    dynamoDbLocalEndpoint?: string;
  }
}

function hasJava(): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether this machine has Java and the DynamoDB Local jar. */
export function dynamoDbLocalAvailable(): boolean {
  return existsSync(join(JAR_DIR, 'DynamoDBLocal.jar')) && hasJava();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

interface Running {
  endpoint: string;
  /** SIGTERM, then its exit. */
  stop(): Promise<void>;
  exited(): boolean;
}

function spawnDynamoDbLocal(port: number): Running {
  const child: ChildProcess = spawn(
    'java',
    [
      // A test run is short: the JIT's first tier and the one-thread collector halve the JVM's start.
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      `-Djava.library.path=${join(JAR_DIR, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(JAR_DIR, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-port',
      String(port),
    ],
    { cwd: JAR_DIR, stdio: 'ignore' },
  );
  return {
    endpoint: `http://127.0.0.1:${port}`,
    exited: () => child.exitCode !== null,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exit = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exit;
    },
  };
}

/** Resolves once DynamoDB Local answers at `endpoint`: the JVM takes seconds to start. */
export async function answering(endpoint: string, timeoutMs: number, exited = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(endpoint);
      return;
    } catch (err) {
      if (exited()) throw new Error(`DynamoDB Local exited before answering at ${endpoint}`);
      if (Date.now() > deadline)
        throw new Error(`DynamoDB Local did not answer at ${endpoint} within ${timeoutMs} ms`, {
          cause: err,
        });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** One of its own, answering, for a script outside the test run (bench/storage.ts). */
export async function startDynamoDbLocal(): Promise<Omit<Running, 'exited'>> {
  if (!dynamoDbLocalAvailable()) throw new Error(`${DYNAMODB_LOCAL} is missing`);
  const running = spawnDynamoDbLocal(await freePort());
  await answering(running.endpoint, 30_000, running.exited);
  return running;
}

/** The integration project's global setup (vitest.config.ts): started, not waited for. */
export default async function startForRun(project: {
  provide(key: 'dynamoDbLocalEndpoint', value: string): void;
}): Promise<(() => Promise<void>) | undefined> {
  if (!dynamoDbLocalAvailable()) return undefined;
  const running = spawnDynamoDbLocal(await freePort());
  project.provide('dynamoDbLocalEndpoint', running.endpoint);
  return running.stop;
}
