/**
 * A local SMTP server that keeps what it receives, for development and the end-to-end tests
 * (a real SMTP peer on loopback, not a mock of the mailer).
 *   SMTP on MAIL_SINK_SMTP_PORT (1025); HTTP on MAIL_SINK_HTTP_PORT (8025):
 *   GET /messages · DELETE /messages · POST /fail-next?count=N (answer the next N messages with 451)
 */
import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';

interface ReceivedMessage {
  messageId: string;
  to: string[];
  subject: string;
  raw: string;
  receivedAt: string;
}

const smtpPort = Number(process.env.MAIL_SINK_SMTP_PORT ?? 1025);
const httpPort = Number(process.env.MAIL_SINK_HTTP_PORT ?? 8025);
const messages: ReceivedMessage[] = [];
let failNext = 0;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (failNext > 0) {
        failNext--;
        const error = Object.assign(new Error('mail sink: temporary failure (as asked)'), { responseCode: 451 });
        callback(error);
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = parseHeaders(raw);
      messages.push({
        messageId: headers.get('message-id') ?? '',
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        subject: decodeEncodedWords(headers.get('subject') ?? ''),
        raw,
        receivedAt: new Date().toISOString(),
      });
      callback();
    });
  },
});

function parseHeaders(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return new Map(
    head.split(/\r?\n/).map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
    }),
  );
}

/** RFC 2047 encoded words (=?UTF-8?B?...?= and =?UTF-8?Q?...?=), as nodemailer writes Chinese subjects. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

const http = createServer((request, response) => {
  const url = new URL(request.url ?? '/', `http://localhost:${httpPort}`);
  const reply = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  };
  if (url.pathname === '/messages' && request.method === 'GET') return reply(200, messages);
  if (url.pathname === '/messages' && request.method === 'DELETE') {
    messages.length = 0;
    return reply(200, { cleared: true });
  }
  if (url.pathname === '/fail-next' && request.method === 'POST') {
    failNext = Number(url.searchParams.get('count') ?? 1);
    return reply(200, { failNext });
  }
  return reply(404, { error: 'not found' });
});

// A client that goes away mid-session (a worker killed while sending) is that session's end, not the sink's:
// without a listener the 'error' event would crash the sink and lose every message it holds.
smtp.on('error', (error: Error) => console.error(`mail sink: ${error.message}`));

smtp.listen(smtpPort, '127.0.0.1', () => {
  http.listen(httpPort, '127.0.0.1', () => console.log(`mail sink: SMTP 127.0.0.1:${smtpPort}, HTTP http://127.0.0.1:${httpPort}/messages`));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    smtp.close(() => http.close(() => process.exit(0)));
  });
}
