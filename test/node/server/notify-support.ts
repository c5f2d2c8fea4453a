/**
 * Real parts for the tests of notices: an SMTP server on loopback (`smtp-server`, each message
 * parsed with `mailparser`) and an HTTP receiver for webhooks, both on free ports.
 */
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A port nothing listens on (yet): an SMTP server that refuses connections. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `check` answers something truthy, polling; fails with `what` after `timeoutMs`. */
type Truthy<T> = Exclude<T, 0 | '' | false | null | undefined>;

export async function eventually<T>(check: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<Truthy<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value: T = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface Mail extends ParsedMail {
  /** The envelope's recipients, lowercased. */
  rcpt: string[];
}

/** A header as sent (mailparser turns List-* headers into objects; this is the raw value). */
export function header(mail: Mail, name: string): string | undefined {
  const line = mail.headerLines.find((l) => l.key === name.toLowerCase());
  return line?.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim();
}

export interface Mailbox {
  port: number;
  url: string;
  messages: Mail[];
  to(address: string): Mail[];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (no TLS offered: nodemailer sends plain on loopback). */
export async function startMailbox(port = 0): Promise<Mailbox> {
  const messages: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(Object.assign(mail, { rcpt: session.envelope.rcptTo.map((r) => r.address.toLowerCase()) }));
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    messages,
    to: (address) => messages.filter((m) => m.rcpt.includes(address.toLowerCase())),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface Receiver {
  url: string;
  /** Every request, answered or failed. */
  deliveries: Delivery[];
  /** The next `n` requests are answered 500. */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  let failing = 0;
  const server = createHttpServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const status = failing > 0 ? 500 : 204;
      if (failing > 0) failing--;
      deliveries.push({ headers: request.headers, body, status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/kabar-hook`,
    deliveries,
    failNext: (n) => (failing = n),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
