import type { LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { BlockList } from 'node:net';
import { type ConditionalHeaders, FetchError, type HttpClient, type HttpResponse } from '../../core/ports.ts';
import { parseAllowList } from './address-policy.ts';
import { readBody } from './body.ts';
import { createHostLimiter, type HostLimiter } from './host-limiter.ts';
import { pinnedLookup, resolveAllowed } from './resolve.ts';
import { statusError } from './status.ts';

export interface HttpClientOptions {
  /** CIDRs or IPs allowed despite being non-public, e.g. ['127.0.0.1/32'] for local runs. */
  allowPrivate?: string[];
  userAgent: string;
  connectTimeoutMs?: number;
  /** Whole request, redirects and body included. */
  totalTimeoutMs?: number;
  /** Cap on the body, both as sent and after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  perHostConcurrency?: number;
}

interface Settings {
  userAgent: string;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  allow: BlockList;
  limiter: HostLimiter;
}

interface Hop {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  location?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);
const EMPTY = new Uint8Array(0);
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, ' +
  'text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const settings: Settings = {
    userAgent: options.userAgent,
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    totalTimeoutMs: options.totalTimeoutMs ?? 30_000,
    maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 5,
    allow: parseAllowList(options.allowPrivate ?? []),
    limiter: createHostLimiter(options.perHostConcurrency ?? 2),
  };
  return { get: (url, conditional = {}) => getWithDeadline(url, conditional, settings) };
}

async function getWithDeadline(
  url: string,
  conditional: ConditionalHeaders,
  s: Settings,
): Promise<HttpResponse> {
  const deadline = new AbortController();
  const timer = setTimeout(() => {
    deadline.abort(
      new FetchError('timeout', `no complete response from ${url} within ${s.totalTimeoutMs} ms`),
    );
  }, s.totalTimeoutMs);
  try {
    return await followRedirects(url, conditional, s, deadline.signal);
  } finally {
    clearTimeout(timer);
  }
}

async function followRedirects(
  start: string,
  conditional: ConditionalHeaders,
  s: Settings,
  signal: AbortSignal,
): Promise<HttpResponse> {
  let current = parseTarget(start);
  const seen = new Set([current.href]);
  let permanentUrl: string | undefined;
  let permanentSoFar = true;
  for (let redirects = 0; ; redirects++) {
    const url = current;
    const hop = await s.limiter.run(url.host, () => fetchHop(url, conditional, s, signal));
    if (hop.location === undefined) {
      const response: HttpResponse = {
        status: hop.status,
        url: url.href,
        headers: hop.headers,
        body: hop.body,
      };
      if (permanentUrl !== undefined) response.permanentUrl = permanentUrl;
      return response;
    }
    if (redirects >= s.maxRedirects) {
      throw new FetchError('too-many-redirects', `more than ${s.maxRedirects} redirects from ${start}`);
    }
    current = parseTarget(hop.location, url);
    if (seen.has(current.href))
      throw new FetchError('redirect-loop', `${url.href} redirects back to ${current.href}`);
    seen.add(current.href);
    // Only a chain of permanent moves from the configured URL says the feed itself moved.
    permanentSoFar = permanentSoFar && PERMANENT.has(hop.status);
    if (permanentSoFar) permanentUrl = current.href;
  }
}

function parseTarget(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (error) {
    throw new FetchError('bad-url', `not a URL: ${raw}`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('bad-url', `unsupported scheme in ${url.href}`);
  }
  url.hash = '';
  return url;
}

async function fetchHop(
  url: URL,
  conditional: ConditionalHeaders,
  s: Settings,
  deadline: AbortSignal,
): Promise<Hop> {
  const connect = new AbortController();
  const signal = AbortSignal.any([deadline, connect.signal]);
  const timer = setTimeout(() => {
    connect.abort(
      new FetchError('connect-timeout', `no connection to ${url.host} within ${s.connectTimeoutMs} ms`),
    );
  }, s.connectTimeoutMs);
  let res: IncomingMessage | undefined;
  try {
    // Resolution is checked here, before any socket exists, and again at every redirect hop.
    const address = await untilAborted(resolveAllowed(url, s.allow), signal);
    res = await openResponse(url, address, requestHeaders(conditional, s), signal, () => clearTimeout(timer));
    return await readHop(res, url, s.maxBytes, signal);
  } catch (error) {
    res?.destroy();
    throw signal.aborted ? signal.reason : classify(error, url);
  } finally {
    clearTimeout(timer);
  }
}

function requestHeaders(conditional: ConditionalHeaders, s: Settings): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': s.userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (conditional.etag) headers['if-none-match'] = conditional.etag;
  if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
  return headers;
}

function openResponse(
  url: URL,
  address: LookupAddress,
  headers: Record<string, string>,
  signal: AbortSignal,
  onConnect: () => void,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    // No shared agent: a pooled socket would outlive the address check it was opened under.
    const req = request(url, { headers, agent: false, lookup: pinnedLookup(address), signal }, resolve);
    req.on('error', reject);
    req.on('socket', (socket) => {
      if (socket.connecting) socket.once('connect', onConnect);
      else onConnect();
    });
    req.end();
  });
}

async function readHop(res: IncomingMessage, url: URL, maxBytes: number, signal: AbortSignal): Promise<Hop> {
  const status = res.statusCode ?? 0;
  const headers = flattenHeaders(res.headers);
  if (REDIRECTS.has(status) && headers.location) {
    res.destroy();
    return { status, headers, body: EMPTY, location: headers.location };
  }
  if (status === 304) {
    res.destroy();
    return { status, headers, body: EMPTY };
  }
  if (status < 200 || status >= 300) {
    res.destroy();
    throw statusError(status, headers, url.href);
  }
  return { status, headers, body: await readBody(res, maxBytes, signal) };
}

function flattenHeaders(raw: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function classify(error: unknown, url: URL): FetchError {
  if (error instanceof FetchError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new FetchError('dns', `cannot resolve ${url.host}: ${detail}`, { cause: error });
  }
  // zlib reports a corrupt or truncated compressed body with Z_* codes.
  if (code?.startsWith('Z_')) {
    return new FetchError('decode', `${url.host}: body does not decompress: ${detail}`, { cause: error });
  }
  return new FetchError('connection', `${url.host}: ${detail}`, { cause: error });
}
