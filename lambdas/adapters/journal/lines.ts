/**
 * Gzipped JSON lines: how the story stage's snapshot parts travel (S3 and the local data folder).
 * A part is built and read a line at a time, so a window of any size never becomes one string.
 */
import { pipeline, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';

/** Lines handed to gzip at once: fewer, larger writes than one per record. */
const LINES_PER_WRITE = 512;

export async function gzipLines(records: Iterable<unknown>): Promise<Buffer> {
  const gzip = createGzip();
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve);
    gzip.on('error', reject);
  });
  let lines: string[] = [];
  const flush = async (): Promise<void> => {
    if (lines.length === 0) return;
    const text = `${lines.join('\n')}\n`;
    lines = [];
    if (!gzip.write(text)) await new Promise((resolve) => gzip.once('drain', resolve));
  };
  for (const record of records) {
    lines.push(JSON.stringify(record));
    if (lines.length >= LINES_PER_WRITE) await flush();
  }
  await flush();
  gzip.end();
  await done;
  return Buffer.concat(out);
}

export async function* gunzipLines<T>(body: Readable | Uint8Array): AsyncGenerator<T> {
  const input = body instanceof Uint8Array ? Readable.from([body]) : body;
  const gunzip = createGunzip();
  // A failing source (a broken connection) destroys the gunzip, whose iteration then throws.
  pipeline(input, gunzip, () => undefined);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of gunzip) {
    const lines = (rest + decoder.write(chunk as Buffer)).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line) yield JSON.parse(line) as T;
  }
  rest += decoder.end();
  if (rest) yield JSON.parse(rest) as T;
}
