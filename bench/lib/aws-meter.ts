/**
 * A black-box meter of AWS API traffic for benchmarks: a reverse proxy on loopback between the
 * code under test and a stand-in (dynalite or DynamoDB Local for DynamoDB, s3rver for S3). The
 * code is pointed at the meter's `endpoint` and left unchanged, so what is measured is what the
 * production adapters send, not what a test double was told to report.
 *
 * DynamoDB: requests are counted per operation (`X-Amz-Target`), and every request that can
 * report capacity gets `"ReturnConsumedCapacity":"TOTAL"` added to its JSON body (unless the
 * client already set the field), so the stand-in says what each call would cost. The stand-ins do
 * not verify SigV4 signatures, which is why rewriting a signed body is harmless here; against AWS
 * it would be rejected, and the meter is not meant for AWS. Responses are passed through byte for
 * byte: the client sees one extra `ConsumedCapacity` field, which the SDK parses and our code
 * ignores.
 *
 * S3: requests are counted per method (`LIST` for a GET without an object key). Bodies are piped
 * both ways, never buffered: archive objects can be large and a benchmark should not hold them.
 *
 * Round trips: every request's start (headers received) and end (response fully written) are
 * recorded with `performance.now()` in the snapshot's `timeline`; `sequentialRounds` turns one or
 * more timelines into the number of rounds a caller waited for.
 */
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { gunzipSync, inflateSync } from 'node:zlib';

export type MeterKind = 'dynamodb' | 's3';

export interface MeterOptions {
  /** Base URL of the stand-in, e.g. `http://127.0.0.1:8000`; http only. */
  target: string;
  kind: MeterKind;
}

export interface TimelineEntry {
  kind: MeterKind;
  /** DynamoDB operation (`PutItem`) or S3 method (`PUT`, `GET`, `HEAD`, `DELETE`, `LIST`, `POST`). */
  op: string;
  /** `performance.now()` when the request's headers reached the meter. */
  start: number;
  /** `performance.now()` when the response was fully written back (or the exchange failed). */
  end: number;
  /** HTTP status returned to the client; 502 when the stand-in could not be reached. */
  status: number;
}

export interface MeterSnapshot {
  kind: MeterKind;
  /** All requests seen, including failed ones. */
  requests: number;
  /** Requests per operation (DynamoDB) or per method (S3). */
  byOp: Record<string, number>;
  /** Responses with status >= 400: a failed conditional write, a HEAD of a missing object. */
  errors: number;
  /**
   * Read and write capacity units summed over the responses' `ConsumedCapacity`. `null` when some
   * successful capacity-capable response carried none (the client sent
   * `ReturnConsumedCapacity: NONE`, or a stand-in that does not report it): a partial sum would
   * understate the cost. Always `null` for S3.
   */
  readUnits: number | null;
  writeUnits: number | null;
  /**
   * Single-item writes (PutItem, UpdateItem, DeleteItem) rejected with
   * ConditionalCheckFailedException. AWS bills a failed conditional write, but its error response
   * carries no ConsumedCapacity, so each counts as 1 WCU in `writeUnits`: a lower bound, since AWS
   * bills the item's size in 1 KB steps. A canceled TransactWriteItems is not counted: its error
   * carries no capacity either, and what AWS bills for it depends on where it failed.
   */
  failedConditionalWrites: number;
  /** Successful capacity-capable responses that carried no ConsumedCapacity. */
  unmetered: number;
  /**
   * Which DynamoDB stand-in answered, told by its `Server` header: DynamoDB Local runs on Jetty;
   * `other` is dynalite (no Server header). dynalite's units leave out GSI writes (a 1.5 KB item
   * with a GSI key: 2 WCU on dynalite, 4 on DynamoDB Local, as on AWS), so cost figures need
   * DynamoDB Local. `null` before the first response, and for S3.
   */
  standIn: 'dynamodb-local' | 'other' | null;
  timeline: TimelineEntry[];
}

export interface AwsMeter {
  /** `http://127.0.0.1:<port>`: give this to the SDK client instead of the stand-in's URL. */
  endpoint: string;
  snapshot(): MeterSnapshot;
  /** Forgets counts, units and timeline; requests in flight at the reset are not recorded. */
  reset(): void;
  stop(): Promise<void>;
}

/** Operations that accept ReturnConsumedCapacity, with the kind of capacity they consume. */
const CAPACITY_OPS: ReadonlyMap<string, 'read' | 'write'> = new Map([
  ['GetItem', 'read'],
  ['Query', 'read'],
  ['Scan', 'read'],
  ['BatchGetItem', 'read'],
  ['TransactGetItems', 'read'],
  ['PutItem', 'write'],
  ['UpdateItem', 'write'],
  ['DeleteItem', 'write'],
  ['BatchWriteItem', 'write'],
  ['TransactWriteItems', 'write'],
]);

const CONDITIONAL_SINGLE_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

/** `DynamoDB_20120810.PutItem` → `PutItem`; anything else is reported as it came. */
export function dynamoOperation(target: string | undefined): string {
  if (!target) return 'unknown';
  const dot = target.lastIndexOf('.');
  return dot >= 0 ? target.slice(dot + 1) : target;
}

/**
 * Adds `ReturnConsumedCapacity: TOTAL` to a request body of an operation that supports it.
 * Returns the body unchanged (same Buffer) when the operation does not take the field, the client
 * set it already, or the body is not a JSON object; the stand-in then answers what it would have.
 */
export function injectReturnConsumedCapacity(op: string, body: Buffer): Buffer {
  if (!CAPACITY_OPS.has(op)) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return body;
  if ('ReturnConsumedCapacity' in parsed) return body;
  return Buffer.from(JSON.stringify({ ...parsed, ReturnConsumedCapacity: 'TOTAL' }), 'utf8');
}

export interface Units {
  read: number;
  write: number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * Read and write units in a response's `ConsumedCapacity` (an object, or an array with one entry
 * per table for batch and transact operations), or `null` when the response has none.
 * `ReadCapacityUnits`/`WriteCapacityUnits` are used when present (AWS gives them for some
 * operations); with TOTAL, DynamoDB Local and dynalite give only `CapacityUnits`, which is
 * attributed by the operation's kind.
 */
export function unitsOf(op: string, response: unknown): Units | null {
  if (typeof response !== 'object' || response === null) return null;
  const consumed = (response as { ConsumedCapacity?: unknown }).ConsumedCapacity;
  if (consumed === undefined || consumed === null) return null;
  const entries: unknown[] = Array.isArray(consumed) ? consumed : [consumed];
  const kind = CAPACITY_OPS.get(op);
  const units: Units = { read: 0, write: 0 };
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as { CapacityUnits?: unknown; ReadCapacityUnits?: unknown; WriteCapacityUnits?: unknown };
    if (e.ReadCapacityUnits !== undefined || e.WriteCapacityUnits !== undefined) {
      units.read += num(e.ReadCapacityUnits);
      units.write += num(e.WriteCapacityUnits);
    } else if (kind === 'read') {
      units.read += num(e.CapacityUnits);
    } else {
      units.write += num(e.CapacityUnits);
    }
  }
  return units;
}

/**
 * S3 request class: the method, except that a GET with no object key (`/` lists buckets,
 * `/<bucket>` lists objects, path-style as the local S3 client uses) is `LIST`.
 */
export function s3Operation(method: string | undefined, url: string | undefined): string {
  const m = (method ?? 'GET').toUpperCase();
  if (m !== 'GET') return m;
  const path = (url ?? '/').split('?')[0] ?? '/';
  const segments = path.split('/').filter((s) => s.length > 0);
  return segments.length <= 1 ? 'LIST' : 'GET';
}

/**
 * Rounds a caller waited for: the number of maximal groups of overlapping requests, where a new
 * round begins with a request that starts after every earlier-started request has ended (a
 * request starting exactly when another ended is sequential). Pass several meters' timelines
 * concatenated (DynamoDB and S3) to count the rounds of the whole flow.
 */
export function sequentialRounds(timeline: readonly Pick<TimelineEntry, 'start' | 'end'>[]): number {
  const sorted = [...timeline].sort((a, b) => a.start - b.start || a.end - b.end);
  let rounds = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const { start, end } of sorted) {
    if (start >= lastEnd) rounds++;
    lastEnd = Math.max(lastEnd, end);
  }
  return rounds;
}

/** Several meters' timelines as one, ordered by start: input for `sequentialRounds` or a report. */
export function mergeTimelines(...timelines: readonly (readonly TimelineEntry[])[]): TimelineEntry[] {
  return timelines.flat().sort((a, b) => a.start - b.start);
}

interface State {
  byOp: Map<string, number>;
  errors: number;
  read: number;
  write: number;
  failedConditionalWrites: number;
  unmetered: number;
  standIn: 'dynamodb-local' | 'other' | null;
  timeline: TimelineEntry[];
}

const emptyState = (): State => ({
  byOp: new Map(),
  errors: 0,
  read: 0,
  write: 0,
  failedConditionalWrites: 0,
  unmetered: 0,
  standIn: null,
  timeline: [],
});

/** Hop-by-hop headers: they describe one connection, and each side of the meter has its own. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  // The meter's server has already answered 100-continue to the client; the body follows at once.
  'expect',
]);

/** Raw header pairs without hop-by-hop ones, keeping the original spelling and repeated headers. */
function endToEnd(rawHeaders: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? '';
    if (!HOP_BY_HOP.has(name.toLowerCase())) out.push(name, rawHeaders[i + 1] ?? '');
  }
  return out;
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'deflate') return inflateSync(body);
  return body;
}

function errorType(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { __type?: unknown };
    return typeof parsed.__type === 'string' ? parsed.__type : undefined;
  } catch {
    return undefined;
  }
}

export async function startMeter(opts: MeterOptions): Promise<AwsMeter> {
  const target = new URL(opts.target);
  if (target.protocol !== 'http:') throw new Error(`aws-meter: target must be http, got ${opts.target}`);
  // Keep-alive towards the stand-in, as the SDK keeps it towards AWS: a new TCP connection per
  // request would add latency the real flow does not have.
  const agent = new Agent({ keepAlive: true });
  let state = emptyState();
  let epoch = 0;

  const record = (entry: TimelineEntry, born: number): State | undefined => {
    if (born !== epoch) return undefined;
    state.timeline.push(entry);
    state.byOp.set(entry.op, (state.byOp.get(entry.op) ?? 0) + 1);
    if (entry.status >= 400) state.errors++;
    return state;
  };

  /** Forwards to the stand-in; `body` undefined means pipe the client's request stream. */
  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer | undefined,
    onResponse: (upstream: IncomingMessage) => void,
    onError: (err: Error) => void,
  ): void => {
    const headers: Record<string, string | string[]> = { host: target.host };
    const raw = endToEnd(req.rawHeaders);
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = (raw[i] ?? '').toLowerCase();
      if (name === 'host') continue;
      const value = raw[i + 1] ?? '';
      const prior = headers[name];
      headers[name] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
    }
    if (body) headers['content-length'] = String(body.length);
    const upstream = request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        agent,
      },
      onResponse,
    );
    upstream.on('error', onError);
    // A client that goes away mid-exchange must not leave a request hanging at the stand-in.
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    if (body) upstream.end(body);
    else req.pipe(upstream);
  };

  const fail = (res: ServerResponse, err: Error): void => {
    if (res.headersSent) {
      res.destroy(err);
      return;
    }
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`aws-meter: ${err.message}`);
  };

  const handleS3 = (req: IncomingMessage, res: ServerResponse): void => {
    const born = epoch;
    const start = performance.now();
    const op = s3Operation(req.method, req.url);
    let status = 0;
    res.on('close', () => record({ kind: 's3', op, start, end: performance.now(), status }, born));
    forward(
      req,
      res,
      undefined,
      (upstream) => {
        status = upstream.statusCode ?? 0;
        res.writeHead(status, upstream.statusMessage, endToEnd(upstream.rawHeaders));
        upstream.on('error', (err) => res.destroy(err));
        upstream.pipe(res);
      },
      (err) => {
        status = 502;
        fail(res, err);
      },
    );
  };

  const handleDynamo = (req: IncomingMessage, res: ServerResponse): void => {
    const born = epoch;
    const start = performance.now();
    const op = dynamoOperation(req.headers['x-amz-target'] as string | undefined);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = injectReturnConsumedCapacity(op, Buffer.concat(chunks));
      const responseChunks: Buffer[] = [];
      let status = 0;
      let upstreamEncoding: string | undefined;
      let upstreamServer: string | undefined;
      res.on('close', () => {
        const s = record({ kind: 'dynamodb', op, start, end: performance.now(), status }, born);
        if (!s) return;
        if (status !== 502) s.standIn = /jetty/i.test(upstreamServer ?? '') ? 'dynamodb-local' : 'other';
        if (!CAPACITY_OPS.has(op)) return;
        const raw = Buffer.concat(responseChunks);
        if (status >= 400) {
          const type = errorType(raw);
          if (CONDITIONAL_SINGLE_WRITES.has(op) && type?.endsWith('ConditionalCheckFailedException')) {
            s.failedConditionalWrites++;
            s.write += 1;
          }
          return;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(decode(raw, upstreamEncoding).toString('utf8'));
        } catch {
          parsed = undefined;
        }
        const units = unitsOf(op, parsed);
        if (!units) {
          s.unmetered++;
          return;
        }
        s.read += units.read;
        s.write += units.write;
      });
      forward(
        req,
        res,
        body,
        (upstream) => {
          status = upstream.statusCode ?? 0;
          upstreamEncoding = upstream.headers['content-encoding'];
          upstreamServer = String(upstream.headers.server ?? '');
          res.writeHead(status, upstream.statusMessage, endToEnd(upstream.rawHeaders));
          // Written through as it arrives, and kept aside to read the capacity once complete.
          upstream.on('data', (c: Buffer) => {
            responseChunks.push(c);
            res.write(c);
          });
          upstream.on('end', () => res.end());
          upstream.on('error', (err) => fail(res, err));
        },
        (err) => {
          status = 502;
          fail(res, err);
        },
      );
    });
  };

  const server = createServer(opts.kind === 's3' ? handleS3 : handleDynamo);
  // The SDK pipelines many requests over few sockets; the defaults would close idle ones early.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    snapshot(): MeterSnapshot {
      const metered = opts.kind === 'dynamodb' && state.unmetered === 0;
      return {
        kind: opts.kind,
        requests: state.timeline.length,
        byOp: Object.fromEntries(state.byOp),
        errors: state.errors,
        readUnits: metered ? state.read : null,
        writeUnits: metered ? state.write : null,
        failedConditionalWrites: state.failedConditionalWrites,
        unmetered: state.unmetered,
        standIn: state.standIn,
        timeline: state.timeline.map((e) => ({ ...e })),
      };
    },
    reset(): void {
      epoch++;
      state = emptyState();
    },
    async stop(): Promise<void> {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Clients keep sockets alive; without this, close() waits for them to time out.
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}
