/**
 * The reading page on this machine: whole documents from lambdas/core/web, on loopback only and
 * without sign-in (the data is the user's own `.newswatch/`), plus the alert emails sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ArchiveReader, Store } from '../core/ports.ts';
import { emailsPage, type TopicInfo } from '../core/web/pages.ts';
import { contentSecurityPolicy, pageDocument, renderPath, securityHeaders } from '../core/web/site.ts';
import { PAGE_CSS } from '../core/web/style.ts';
import { listSavedEmails, readSavedEmail, withWayBack } from './saved-mail.ts';

const HOST = '127.0.0.1';

export interface WebServerOptions {
  port: number;
  store: Store;
  /** Item texts, for search: `newswatch run` and `serve` pass the archive they opened. */
  archive?: ArchiveReader;
  aliases?: Record<string, string> | undefined;
  topics: readonly string[];
  /** The topics' queries and recipients, for the topics page. */
  topicInfo?: readonly TopicInfo[];
  /** Where `newswatch run` saves the alert emails it sent (`<dataDir>/mail`). */
  mailDir: string;
}

export interface WebServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * A web page the user visits could point a name of its own at 127.0.0.1 (DNS rebinding) and read
 * this page as same-origin; the Host it sends then names that site, not this machine.
 */
function fromThisMachine(host: string | undefined, port: number): boolean {
  return host === `${HOST}:${port}` || host === `localhost:${port}`;
}

async function respond(
  req: IncomingMessage,
  res: ServerResponse,
  opts: WebServerOptions,
  port: number,
): Promise<void> {
  const headers = securityHeaders(contentSecurityPolicy());
  if (!fromThisMachine(req.headers.host, port)) {
    res
      .writeHead(421, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
      .end('Misdirected request\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
    return;
  }
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  if (url.pathname === '/page.css') {
    res.writeHead(200, { ...headers, 'content-type': 'text/css; charset=utf-8' }).end(PAGE_CSS);
    return;
  }
  const email = /^\/emails\/([^/]+)$/.exec(url.pathname);
  const saved = email && readSavedEmail(opts.mailDir, decodeURIComponent(email[1] ?? ''));
  if (saved) {
    res
      .writeHead(200, { ...securityHeaders(EMAIL_POLICY), 'content-type': 'text/html; charset=utf-8' })
      .end(withWayBack(saved));
    return;
  }
  const page =
    url.pathname === '/emails'
      ? emailsPage(listSavedEmails(opts.mailDir), new Date())
      : await renderPath(url.pathname, url.searchParams, { ...opts, now: new Date() });
  res
    .writeHead(page.status, { ...headers, 'content-type': 'text/html; charset=utf-8' })
    .end(pageDocument(page, { nav: [{ label: 'Alert emails', href: '/emails' }] }));
}

/** An email is shown as sent: its own inline styles, nothing that runs or loads. */
const EMAIL_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'";

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const server = createServer((req, res) => {
    respond(req, res, opts, (server.address() as AddressInfo).port).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`newswatch could not build this page: ${err.message}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, HOST, resolve);
  });
  return {
    url: `http://${HOST}:${(server.address() as AddressInfo).port}/`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
