/**
 * Embedded stand-ins that speak the AWS APIs, so `newswatch run` and the integration tests need
 * no AWS account and no Docker: dynalite (DynamoDB), s3rver (S3), aws-ses-v2-local (SES v2).
 * All bind to loopback on ephemeral ports unless told otherwise.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsEndpoints } from '../adapters/aws-clients.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createTableInput } from '../adapters/dynamodb/schema.ts';

const HOST = '127.0.0.1';

export interface StandIns {
  endpoints: Required<AwsEndpoints>;
  /** Web page listing the emails the SES stand-in received. */
  mailViewerUrl: string;
  stop(): Promise<void>;
}

export interface StandInOptions {
  /** Folder for persistent state; omitted → in memory (tests). */
  dataDir?: string;
  sesPort?: number;
}

export interface Running {
  url: string;
  close(): Promise<void>;
}

async function serving(server: Server): Promise<Running> {
  if (!server.listening) {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  }
  return {
    url: `http://${HOST}:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function startDynalite(dataDir: string | undefined): Promise<Running> {
  const path = dataDir ? join(dataDir, 'dynamodb') : undefined;
  if (path) mkdirSync(path, { recursive: true });
  const running = await openDynalite(path);
  if (!path || !(await onlyUnfinishedTables(running.url))) return running;
  // A run killed between CreateTable and the table turning ACTIVE left a table that dynalite
  // never finishes and refuses to delete ("still in use"). Nothing can have been stored in it,
  // and it is the folder's only table: the folder starts afresh and provisioning makes it again.
  await running.close();
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  return openDynalite(path);
}

async function openDynalite(path: string | undefined): Promise<Running> {
  const { default: dynalite } = await import('dynalite');
  // createTableMs: 0 — otherwise new tables stay CREATING for half a second.
  const server = dynalite({ path, createTableMs: 0 });
  server.listen(0, HOST);
  return serving(server);
}

/** True when the store has tables and every one of them is stuck CREATING. */
async function onlyUnfinishedTables(url: string): Promise<boolean> {
  const doc = createDocumentClient({ endpoints: { dynamodb: url } });
  const { TableNames = [] } = await doc.send(new ListTablesCommand({}));
  if (TableNames.length === 0) return false;
  const statuses = await Promise.all(TableNames.map((TableName) => tableStatus(doc, TableName)));
  return statuses.every((status) => status === 'CREATING');
}

const OBJECT_FILE = '._S3rver_object';
const OBJECT_PARTS = [OBJECT_FILE, `${OBJECT_FILE}.md5`, '._S3rver_metadata.json'];

/**
 * s3rver keeps an object as three files written one after another; a process killed between them
 * left an object that every later request for its key failed on (HTTP 500). S3 never shows half
 * an object, so neither do the stand-ins: such remains are removed before s3rver starts.
 */
function removeHalfWrittenObjects(directory: string): void {
  const entries = readdirSync(directory, { recursive: true, withFileTypes: true });
  // `parentPath` from Node 20.12; `path` before it.
  const dirOf = (e: { parentPath?: string; path?: string }) => e.parentPath ?? e.path ?? directory;
  const files = new Set(entries.filter((e) => e.isFile()).map((e) => join(dirOf(e), e.name)));
  for (const file of files) {
    const base = OBJECT_PARTS.reduce((b, part) => (b.endsWith(part) ? b.slice(0, -part.length) : b), file);
    if (base === file || whole(base, files)) continue;
    for (const part of OBJECT_PARTS) rmSync(`${base}${part}`, { force: true });
  }
}

/** All three files, and metadata written to the end (the last of the three s3rver writes). */
function whole(base: string, files: ReadonlySet<string>): boolean {
  if (!OBJECT_PARTS.every((part) => files.has(`${base}${part}`))) return false;
  try {
    JSON.parse(readFileSync(`${base}._S3rver_metadata.json`, 'utf8'));
    return true;
  } catch {
    return false;
  }
}

export async function startS3(dataDir: string | undefined): Promise<Running> {
  const { default: S3rver } = await import('s3rver');
  const directory = dataDir ? join(dataDir, 's3') : mkdtempSync(join(tmpdir(), 'newswatch-s3-'));
  mkdirSync(directory, { recursive: true });
  removeHalfWrittenObjects(directory);
  const s3 = new S3rver({ address: HOST, port: 0, silent: true, directory });
  const { port } = await s3.run();
  return {
    url: `http://${HOST}:${port}`,
    close: async () => {
      await s3.close();
      if (!dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
}

type SesServerFactory = (c: { host: string; port: number }) => Promise<Server>;

/**
 * The SES stand-in's promise never settles when its port is taken (it only listens for success),
 * so a fixed port is probed first and a clash surfaces as EADDRINUSE.
 */
async function probePort(port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(port, HOST, () => probe.close(() => resolve()));
  });
}

async function startSes(port: number): Promise<Running> {
  await probePort(port);
  // CommonJS default export: Node's ESM loader wraps it once more than bundlers and vitest do.
  const mod = (await import('aws-ses-v2-local')) as unknown as {
    default: SesServerFactory | { default: SesServerFactory };
  };
  const start = typeof mod.default === 'function' ? mod.default : mod.default.default;
  return serving(await start({ host: HOST, port }));
}

export async function startStandIns(opts: StandInOptions = {}): Promise<StandIns> {
  const ses = await startSes(opts.sesPort ?? 0);
  const [dynamo, s3] = await Promise.all([startDynalite(opts.dataDir), startS3(opts.dataDir)]);
  return {
    endpoints: { dynamodb: dynamo.url, s3: s3.url, ses: ses.url },
    mailViewerUrl: `${ses.url}/`,
    async stop() {
      await Promise.all([dynamo.close(), s3.close(), ses.close()]);
    },
  };
}

async function tableStatus(doc: DynamoDBDocumentClient, TableName: string): Promise<string | undefined> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const { Table } = await doc.send(new DescribeTableCommand({ TableName }));
      if (Table?.TableStatus !== 'CREATING') return Table?.TableStatus;
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException) && (err as Error).name !== 'ResourceNotFoundException')
        throw err;
      return undefined;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return 'CREATING';
}

/** Creates the table and bucket when missing: the local equivalent of `cdk deploy`. */
export async function provision(endpoints: AwsEndpoints, tableName: string, bucket: string): Promise<void> {
  const doc = createDocumentClient({ endpoints });
  // A table a killed run left CREATING is cleared when the stand-in starts (startDynalite).
  if ((await tableStatus(doc, tableName)) === undefined)
    await doc.send(new CreateTableCommand(createTableInput(tableName)));
  // Loaded here, not with the module: a query that starts only the DynamoDB stand-in has no use for S3.
  const { ensureBucket } = await import('./local-bucket.ts');
  await ensureBucket(endpoints, bucket);
}
