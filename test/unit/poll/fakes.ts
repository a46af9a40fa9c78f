import {
  type Archive,
  type Clock,
  type ConditionalHeaders,
  FetchError,
  type FetchErrorKind,
  type HttpClient,
  type HttpResponse,
} from '../../../lambdas/core/ports.ts';

type Answer = HttpResponse | Error | ((conditional: ConditionalHeaders) => HttpResponse);

/** An HttpClient answering from a table of URL → response (or thrown error), recording each call. */
export class FakeHttp implements HttpClient {
  readonly calls: Array<{ url: string; conditional?: ConditionalHeaders }> = [];
  readonly answers = new Map<string, Answer>();

  async get(url: string, conditional?: ConditionalHeaders): Promise<HttpResponse> {
    this.calls.push({ url, conditional });
    const answer = this.answers.get(url);
    if (answer === undefined) throw Object.assign(new Error(`HTTP 404 from ${url}`), { kind: 'http-status' });
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer(conditional ?? {}) : answer;
  }
}

export function ok(url: string, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status: 200, url, headers, body: new TextEncoder().encode(body) };
}

export class FakeArchive implements Archive {
  readonly puts: Array<{ kind: 'feed' | 'page'; text: string; contentType: string }> = [];

  async put(kind: 'feed' | 'page', body: Uint8Array, contentType: string): Promise<string> {
    this.puts.push({ kind, text: new TextDecoder().decode(body), contentType });
    return `${kind}/${this.puts.length}`;
  }
}

export class FakeClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return this.current;
  }
}

export const fetchError = (kind: FetchErrorKind, message: string, retryAfterMs?: number): FetchError =>
  new FetchError(kind, message, { retryAfterMs });
