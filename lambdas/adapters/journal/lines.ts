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
  // A line (a day's sketch is 2 MB) spans many chunks: its pieces are joined once, at its end.
  let pending: string[] = [];
  for await (const chunk of gunzip) {
    const text = decoder.write(chunk as Buffer);
    let from = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', from)) {
      pending.push(text.slice(from, at));
      const line = pending.join('');
      pending = [];
      if (line) yield JSON.parse(line) as T;
      from = at + 1;
    }
    if (from < text.length) pending.push(text.slice(from));
  }
  const rest = pending.join('') + decoder.end();
  if (rest) yield JSON.parse(rest) as T;
}
