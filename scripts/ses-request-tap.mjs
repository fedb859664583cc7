/**
 * A pass-through in front of the local SES that keeps each SendEmail request body as the
 * connector sent it. The local SES (`logto-ses dev`, aws-ses-v2-local) parses SendEmail with a
 * schema that drops the members it does not know, TenantName and ConfigurationOverrides among
 * them, so its `GET /store` cannot show them; this shows what went over the wire. Used by
 * logto-org-invitation.mjs only; it listens on 127.0.0.1 and forwards to a loopback SES only.
 */
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { URL } from 'node:url';

const sendEmailPath = '/v2/email/outbound-emails';
/** A SendEmail body or answer larger than this is not a sign-in mail; refuse it. */
const maxBytes = 1024 * 1024;
const upstreamTimeoutMs = 10_000;

const readAll = (stream, onDone, onTooLarge) => {
  const chunks = [];
  let size = 0;
  stream.on('data', (chunk) => {
    size += chunk.length;
    if (size > maxBytes) {
      onTooLarge();
      return;
    }
    chunks.push(chunk);
  });
  stream.on('end', () => onDone(Buffer.concat(chunks)));
};

const jsonOrText = (buffer) => {
  try {
    return JSON.parse(buffer.toString('utf8'));
  } catch {
    return buffer.toString('utf8').slice(0, 500);
  }
};

/**
 * Starts the tap on 127.0.0.1 (a free port) in front of `target`, the local SES's URL.
 * `sent` lists `{ request, status, answer }` for each SendEmail, oldest first.
 */
export const startSesRequestTap = async (target) => {
  const targetUrl = new URL(target);
  const sent = [];
  const server = http.createServer((request, response) => {
    const fail = (status, text) => {
      if (!response.headersSent) {
        response.writeHead(status, { 'content-type': 'text/plain' }).end(text);
      }
    };
    readAll(
      request,
      (body) => {
        const upstream = http.request(
          {
            host: targetUrl.hostname,
            port: targetUrl.port,
            method: request.method,
            path: request.url,
            // The local SES checks the Host it is reached by; it checks no signature.
            headers: { ...request.headers, host: targetUrl.host },
            timeout: upstreamTimeoutMs,
          },
          (answer) => {
            readAll(
              answer,
              (answerBody) => {
                if (request.method === 'POST' && request.url === sendEmailPath) {
                  sent.push({ request: jsonOrText(body), status: answer.statusCode, answer: jsonOrText(answerBody) });
                }
                response.writeHead(answer.statusCode ?? 502, answer.headers).end(answerBody);
              },
              () => {
                answer.destroy();
                fail(502, 'tap: the local SES answered more than 1 MiB');
              }
            );
          }
        );
        upstream.on('timeout', () => upstream.destroy(new Error('the local SES did not answer in time')));
        upstream.on('error', (error) => fail(502, `tap: ${error.message}`));
        upstream.end(body);
      },
      () => {
        request.destroy();
      }
    );
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};
