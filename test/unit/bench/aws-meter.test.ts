/**
 * The meter's pure helpers, and its proxy against a fake upstream in this process: what the
 * stand-in receives, what is counted, and that S3 bodies stream through. The same proxy against
 * dynalite, DynamoDB Local and s3rver is in test/integration/bench/aws-meter.test.ts.
 */
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AwsMeter,
  dynamoOperation,
  injectReturnConsumedCapacity,
  mergeTimelines,
  s3Operation,
  sequentialRounds,
  startMeter,
  type TimelineEntry,
  unitsOf,
} from '../../../bench/lib/aws-meter.ts';

const span = (start: number, end: number, op = 'GetItem'): TimelineEntry => ({
  kind: 'dynamodb',
  op,
  start,
  end,
  status: 200,
});

describe('sequentialRounds', () => {
  it('counts nothing for no requests, and each request of a sequential chain as a round', () => {
    expect(sequentialRounds([])).toBe(0);
    expect(sequentialRounds([span(0, 1), span(2, 3), span(4, 5)])).toBe(3);
  });

  it('counts overlapping requests as one round, whatever order they are listed in', () => {
    expect(sequentialRounds([span(0, 10), span(1, 4), span(2, 9)])).toBe(1);
    // C overlaps A but not B: still A's round, since A had not ended when C started.
    expect(sequentialRounds([span(7, 12), span(0, 10), span(5, 6), span(12, 13)])).toBe(2);
  });

  it('treats a request that starts as another ends as the next round', () => {
    expect(sequentialRounds([span(0, 5), span(5, 6)])).toBe(2);
  });

  it('counts the rounds of a flow across DynamoDB and S3 from merged timelines', () => {
    const dynamo = [span(0, 2, 'GetItem'), span(10, 12, 'PutItem'), span(10, 11, 'PutItem')];
    const s3: TimelineEntry[] = [{ kind: 's3', op: 'PUT', start: 3, end: 9, status: 200 }];
    const merged = mergeTimelines(dynamo, s3);
    expect(merged.map((e) => e.op)).toEqual(['GetItem', 'PUT', 'PutItem', 'PutItem']);
    expect(sequentialRounds(merged)).toBe(3);
    expect(sequentialRounds(dynamo)).toBe(2);
  });
});

describe('request and response helpers', () => {
  it('takes the operation from X-Amz-Target', () => {
    expect(dynamoOperation('DynamoDB_20120810.BatchWriteItem')).toBe('BatchWriteItem');
    expect(dynamoOperation(undefined)).toBe('unknown');
  });

  it('adds ReturnConsumedCapacity only where it is accepted and not already set', () => {
    const put = Buffer.from('{"TableName":"t","Item":{"pk":{"S":"a"}}}');
    expect(JSON.parse(injectReturnConsumedCapacity('PutItem', put).toString())).toEqual({
      TableName: 't',
      Item: { pk: { S: 'a' } },
      ReturnConsumedCapacity: 'TOTAL',
    });
    const none = Buffer.from('{"TableName":"t","ReturnConsumedCapacity":"NONE"}');
    expect(injectReturnConsumedCapacity('GetItem', none)).toBe(none);
    const create = Buffer.from('{"TableName":"t"}');
    expect(injectReturnConsumedCapacity('CreateTable', create)).toBe(create);
    const garbage = Buffer.from('not json');
    expect(injectReturnConsumedCapacity('Query', garbage)).toBe(garbage);
  });

  it('sums capacity from an object or an array, by the operation unless read/write units are given', () => {
    expect(unitsOf('GetItem', { ConsumedCapacity: { TableName: 't', CapacityUnits: 0.5 } })).toEqual({
      read: 0.5,
      write: 0,
    });
    expect(
      unitsOf('BatchWriteItem', {
        ConsumedCapacity: [
          { TableName: 'a', CapacityUnits: 3 },
          { TableName: 'b', CapacityUnits: 2 },
        ],
      }),
    ).toEqual({ read: 0, write: 5 });
    expect(
      unitsOf('TransactWriteItems', {
        ConsumedCapacity: [{ TableName: 't', CapacityUnits: 4, WriteCapacityUnits: 4 }],
      }),
    ).toEqual({ read: 0, write: 4 });
    expect(unitsOf('GetItem', { Item: {} })).toBeNull();
  });

  it('classifies S3 requests by method, a GET without a key being a LIST', () => {
    expect(s3Operation('GET', '/bucket?list-type=2&prefix=feed%2F')).toBe('LIST');
    expect(s3Operation('GET', '/')).toBe('LIST');
    expect(s3Operation('GET', '/bucket/feed/ab/cd.gz')).toBe('GET');
    expect(s3Operation('PUT', '/bucket/k')).toBe('PUT');
    expect(s3Operation('HEAD', '/bucket/k')).toBe('HEAD');
    expect(s3Operation('DELETE', '/bucket/k')).toBe('DELETE');
  });
});

interface Seen {
  headers: IncomingMessage['headers'];
  body: string;
}

async function fakeUpstream(
  respond: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ headers: req.headers, body });
      respond(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

async function post(
  endpoint: string,
  target: string,
  body: string,
): Promise<{ status: number; body: string }> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'x-amz-target': `DynamoDB_20120810.${target}`, 'content-type': 'application/x-amz-json-1.0' },
    body,
  });
  return { status: res.status, body: await res.text() };
}

describe('the proxy, against a fake DynamoDB', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0)) await fn();
  });

  async function setup(respond: (req: IncomingMessage, body: string, res: ServerResponse) => void) {
    const upstream = await fakeUpstream(respond);
    const meter = await startMeter({ target: upstream.url, kind: 'dynamodb' });
    cleanup.push(
      () => meter.stop(),
      () => new Promise((r) => upstream.server.close(() => r())),
    );
    return { upstream, meter };
  }

  it('rewrites the body with a matching Content-Length, counts per operation and sums units', async () => {
    const { upstream, meter } = await setup((req, _body, res) => {
      const op = String(req.headers['x-amz-target']).split('.')[1];
      res.setHeader('content-type', 'application/x-amz-json-1.0');
      if (op === 'PutItem') res.end('{"ConsumedCapacity":{"TableName":"t","CapacityUnits":2}}');
      else if (op === 'GetItem')
        res.end('{"Item":{},"ConsumedCapacity":{"TableName":"t","CapacityUnits":0.5}}');
      else res.end('{"TableNames":[]}');
    });
    await post(meter.endpoint, 'PutItem', '{"TableName":"t","Item":{"pk":{"S":"é"}}}');
    await post(meter.endpoint, 'PutItem', '{"TableName":"t","Item":{"pk":{"S":"b"}}}');
    const got = await post(meter.endpoint, 'GetItem', '{"TableName":"t","Key":{"pk":{"S":"b"}}}');
    await post(meter.endpoint, 'ListTables', '{}');

    // The client gets the stand-in's answer unchanged.
    expect(JSON.parse(got.body)).toEqual({
      Item: {},
      ConsumedCapacity: { TableName: 't', CapacityUnits: 0.5 },
    });
    const first = upstream.seen[0];
    expect(JSON.parse(first?.body ?? '')).toMatchObject({
      Item: { pk: { S: 'é' } },
      ReturnConsumedCapacity: 'TOTAL',
    });
    expect(Number(first?.headers['content-length'])).toBe(Buffer.byteLength(first?.body ?? ''));
    expect(upstream.seen[3]?.body).toBe('{}');

    const snap = meter.snapshot();
    expect(snap.byOp).toEqual({ PutItem: 2, GetItem: 1, ListTables: 1 });
    expect(snap.requests).toBe(4);
    expect(snap.writeUnits).toBe(4);
    expect(snap.readUnits).toBe(0.5);
    expect(snap.standIn).toBe('other');
    expect(snap.timeline.every((e) => e.end >= e.start)).toBe(true);
    expect(sequentialRounds(snap.timeline)).toBe(4);

    meter.reset();
    expect(meter.snapshot()).toMatchObject({
      requests: 0,
      byOp: {},
      readUnits: 0,
      writeUnits: 0,
      timeline: [],
    });
  });

  it('counts a failed conditional write as 1 WCU, and no units at all when a response has none', async () => {
    const { meter } = await setup((req, _body, res) => {
      const op = String(req.headers['x-amz-target']).split('.')[1];
      if (op === 'PutItem') {
        res.statusCode = 400;
        res.end(
          '{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"failed"}',
        );
      } else res.end('{"Items":[]}');
    });
    await post(
      meter.endpoint,
      'PutItem',
      '{"TableName":"t","ConditionExpression":"attribute_not_exists(pk)"}',
    );
    expect(meter.snapshot()).toMatchObject({ errors: 1, failedConditionalWrites: 1, writeUnits: 1 });
    await post(meter.endpoint, 'Query', '{"TableName":"t"}');
    expect(meter.snapshot()).toMatchObject({ unmetered: 1, readUnits: null, writeUnits: null });
  });

  it('records requests sent at once as one round, and a later request as another', async () => {
    const held: ServerResponse[] = [];
    let seen = 0;
    const { meter } = await setup((_req, _body, res) => {
      seen++;
      if (seen > 3) {
        res.end('{}');
        return;
      }
      // The first three are answered only once all three are in: they overlap whatever the load.
      held.push(res);
      if (seen === 3) for (const r of held) r.end('{}');
    });
    await Promise.all(['a', 'b', 'c'].map((k) => post(meter.endpoint, 'GetItem', `{"Key":"${k}"}`)));
    expect(sequentialRounds(meter.snapshot().timeline)).toBe(1);
    await post(meter.endpoint, 'GetItem', '{"Key":"d"}');
    expect(sequentialRounds(meter.snapshot().timeline)).toBe(2);
  });

  it('answers 502 and still records the request when the stand-in is down', async () => {
    const meter: AwsMeter = await startMeter({ target: 'http://127.0.0.1:1', kind: 'dynamodb' });
    cleanup.push(() => meter.stop());
    const res = await post(meter.endpoint, 'GetItem', '{}');
    expect(res.status).toBe(502);
    expect(meter.snapshot().timeline).toMatchObject([{ op: 'GetItem', status: 502 }]);
  });
});

describe('the proxy, against a fake S3', () => {
  it('streams a request body through before the client has finished sending it', async () => {
    let firstChunkAt: ((n: number) => void) | undefined;
    const arrived = new Promise<number>((r) => {
      firstChunkAt = r;
    });
    const server = createServer((req, res) => {
      let bytes = 0;
      req.on('data', (c: Buffer) => {
        if (bytes === 0) firstChunkAt?.(c.length);
        bytes += c.length;
      });
      req.on('end', () => res.end(String(bytes)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const meter = await startMeter({
      target: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      kind: 's3',
    });
    try {
      const url = new URL('/bucket/key', meter.endpoint);
      const reply = new Promise<string>((resolve, reject) => {
        const req = request(url, { method: 'PUT', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
          });
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.write(Buffer.alloc(64 * 1024, 1));
        // The rest is sent only once the stand-in has seen the first part: a buffering proxy
        // would never forward it, and this test would time out.
        void arrived.then(() => req.end(Buffer.alloc(64 * 1024, 2)));
      });
      expect(await reply).toBe(String(128 * 1024));
      const snap = meter.snapshot();
      expect(snap.byOp).toEqual({ PUT: 1 });
      expect(snap.readUnits).toBeNull();
    } finally {
      await meter.stop();
      await new Promise((r) => server.close(() => r(undefined)));
    }
  });
});
