import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { FetchError } from '../../core/ports.ts';

/**
 * 'deflate' is meant to be zlib-wrapped, but some servers send raw deflate: the first byte tells
 * which (a zlib header always has compression method 8 in its low nibble).
 */
class DeflateDecoder extends Transform {
  private inner: Transform | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      const first = chunk[0] ?? 0;
      const inner = (first & 0x0f) === 0x08 ? createInflate() : createInflateRaw();
      inner.on('data', (data: Buffer) => this.push(data));
      inner.on('error', (error) => this.destroy(error));
      this.inner = inner;
    }
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    const inner = this.inner;
    if (!inner) {
      callback();
      return;
    }
    inner.once('end', () => callback());
    inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}

/** One content-coding is all real servers use; stacked codings are refused rather than half-decoded. */
function decoderFor(header: string | undefined): Transform | undefined {
  const encoding = (header ?? '').trim().toLowerCase();
  switch (encoding) {
    case '':
    case 'identity':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return new DeflateDecoder();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new FetchError('decode', `unsupported content-encoding: ${encoding}`);
  }
}

function tooLarge(maxBytes: number, what: string): FetchError {
  return new FetchError('too-large', `${what} exceeds ${maxBytes} bytes`);
}

/** Passes bytes through, failing as soon as more than `maxBytes` went by. */
function byteCap(maxBytes: number, what: string) {
  return async function* cap(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let total = 0;
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(maxBytes, what);
      yield chunk;
    }
  };
}

/**
 * Reads a response body, decompressed, with the size cap applied both to the bytes on the wire
 * and to the decompressed output, so neither a huge body nor a compression bomb is buffered.
 * The caller destroys `res` when this throws.
 */
export async function readBody(
  res: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw tooLarge(maxBytes, `declared content-length ${declared}`);
  }
  const decoder = decoderFor(res.headers['content-encoding']);
  const chunks: Buffer[] = [];
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) chunks.push(chunk);
  };
  if (decoder) {
    await pipeline(
      res,
      byteCap(maxBytes, 'compressed body'),
      decoder,
      byteCap(maxBytes, 'decompressed body'),
      collect,
      { signal },
    );
  } else {
    await pipeline(res, byteCap(maxBytes, 'body'), collect, { signal });
  }
  return new Uint8Array(Buffer.concat(chunks));
}
