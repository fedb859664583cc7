/**
 * Every request to Logto goes through here, because whatever answers for Logto is hostile until
 * checked: a compromised Logto, a wrong endpoint, a man in the middle. So each request
 *
 * - has a deadline for the whole exchange, answer body included (a Logto that trickles one byte
 *   every 20 s would otherwise be read for ever), from `--timeout-ms`;
 * - follows no redirect: a `/oidc/token` answering 307 to another origin would make fetch post
 *   the client secret there again. The 3xx is reported with its status and the origin it points
 *   to, and nothing is sent to it;
 * - reads at most so many bytes of answer, so a huge answer cannot fill the memory.
 */

/** A request Logto refused, or could not be reached for; the message says what to fix. */
export class LogtoApiError extends Error {
  override name = 'LogtoApiError';
}

/** The default of `--timeout-ms`: every request to Logto, its answer read whole, within it. */
export const defaultLogtoTimeoutMs = 30_000;

/** The most any Management API answer may hold; a few hundred templates are well under 1 MB. */
export const maxAnswerBytes = 10 * 1024 * 1024;

/** A token answer is a few hundred bytes. */
export const maxTokenAnswerBytes = 64 * 1024;

export type RequestLimits = { timeoutMs: number; maxBytes: number };

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`;

const tooLarge = (what: string, maxBytes: number) =>
  new LogtoApiError(`${what}: Logto's answer is larger than ${sizeText(maxBytes)}; it was not read further.`);

/** Where a redirect points, as an origin only: a path or query could carry anything. */
const targetOf = (location: string | null, base: string) => {
  if (location === null) {
    return 'no Location';
  }
  try {
    return new URL(location, base).origin;
  } catch {
    return 'an invalid Location';
  }
};

/** The body, cut off with an error once it passes `maxBytes`. */
const limitedBody = (body: ReadableStream<Uint8Array>, what: string, maxBytes: number) => {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) {
          controller.error(tooLarge(what, maxBytes));
          return;
        }
        controller.enqueue(chunk);
      },
    })
  );
};

const isTimeout = (error: unknown) =>
  error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');

/**
 * What went wrong in one request, as a LogtoApiError that names it: its own errors pass through;
 * the deadline, a malformed answer and an unreachable Logto are each said so.
 */
export const describeFailure = (what: string, baseUrl: string, timeoutMs: number, error: unknown) => {
  if (error instanceof LogtoApiError) {
    return error;
  }
  if (isTimeout(error)) {
    return new LogtoApiError(
      `${what}: Logto at ${baseUrl} did not answer in full within ${timeoutMs} ms (--timeout-ms); nothing more was read.`
    );
  }
  if (error instanceof SyntaxError) {
    return new LogtoApiError(`${what}: Logto's answer is not JSON.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  // fetch says only "fetch failed"; its cause says why: ECONNREFUSED, ENOTFOUND, "bad port".
  const { code, message: causeMessage } = (error as { cause?: { code?: unknown; message?: unknown } }).cause ?? {};
  const cause = typeof code === 'string' ? code : typeof causeMessage === 'string' ? causeMessage : undefined;
  return new LogtoApiError(`${what}: cannot reach Logto at ${baseUrl}${cause ? ` (${cause})` : ''}: ${message}.`);
};

/**
 * A fetch for one request to Logto, within `limits`. Its answer's body is read by the caller;
 * the deadline covers that reading too.
 */
export const boundedFetch =
  (what: string, baseUrl: string, { timeoutMs, maxBytes }: RequestLimits) =>
  async (input: Request): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(input, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error: unknown) {
      throw describeFailure(what, baseUrl, timeoutMs, error);
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new LogtoApiError(
        `${what}: Logto answered HTTP ${response.status}, a redirect to ${targetOf(response.headers.get('location'), input.url)}. logto-ses follows no redirect from Logto, so nothing (no secret, no token) was sent there; if Logto has moved, pass its new address as --endpoint.`
      );
    }
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > maxBytes) {
      await response.body?.cancel();
      throw tooLarge(what, maxBytes);
    }
    if (response.body === null) {
      return response;
    }
    return new Response(limitedBody(response.body, what, maxBytes), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
