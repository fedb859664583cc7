/**
 * A local Amazon SES (SESv2 restJson1 API) and STS AssumeRole endpoint for tests and benchmarks.
 *
 * It is a real HTTP(S) server on 127.0.0.1, so the unmodified AWS SDK (signing, retries, keep-alive
 * agents, error parsing) talks to it exactly as it talks to AWS. Every response it can give is
 * one the real service or a proxy in front of it gives, so the connector's error handling is
 * tested against the wire, not against mocks of the SDK.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import {
  createServer as createHttpServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { createTestCertificate } from './certificate.js';
import { parseAuthorization, verifySignature, type SigV4Authorization } from './sigv4.js';
import { parseSigV4aAuthorization, verifySigV4aSignature, type SigV4aAuthorization } from './sigv4a.js';
import { tenantAnswer, tenantRoutes, type TenantOperation, type TenantStubOptions } from './ses-stub-tenants.js';

export type Fault =
  | 'ok' // 200 {"MessageId": "<unique id>"}; counted as accepted
  | 'accepted202' // 202 {"MessageId": "<unique id>"}; counted as accepted
  | 'throttle' // 429 TooManyRequestsException, message "Too many requests"
  | 'server500json' // 500 InternalFailure JSON
  | 'server500text' // 500 with a text/plain body (a load balancer page), no error type header
  | 'unavailable503' // 503 with a text/plain body, as a proxy answers
  | 'messageRejected' // 400 MessageRejected "Email address is not verified. …: <destination addresses>"
  | 'invalidClientTokenId' // 403 InvalidClientTokenId
  | 'reset' // reads the whole request, then destroys the socket without any response
  | 'malformedJson' // 200 with a truncated JSON body; NOT counted as accepted
  | 'hang' // reads the request and never answers; the socket is kept until close()
  | 'maxSendRate' // 429 TooManyRequestsException "Maximum sending rate exceeded."
  | 'dailyQuota' // 429 TooManyRequestsException "Daily message quota exceeded."
  | 'redirect302' // 302 to https://login.example.com/sso, empty body: a web proxy's login page
  | 'notFoundPage'; // 404 text/html "Not Found": a web server that has no such path

export type StubOperation =
  | 'SendEmail'
  | 'GetAccount'
  | 'GetEmailIdentity'
  | 'GetConfigurationSet'
  | 'ListMultiRegionEndpoints'
  | 'GetMultiRegionEndpoint'
  | 'GetSuppressedDestination'
  | 'ListRecommendations'
  | 'GetMessageInsights'
  | TenantOperation
  | 'AssumeRole'
  | 'Unknown';

export type StubRequest = {
  operation: StubOperation;
  /** 1-based index of this request among all requests received since start or reset(). */
  sequence: number;
  method: string;
  /** The request target as received: still percent-encoded, with the query if any. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (SES) or form fields (STS); undefined when empty/unparseable. */
  body: unknown;
  /** From the Authorization header's credential scope. */
  accessKeyId?: string;
  /** The signing region, from the same credential scope (SigV4 only). */
  region?: string;
  /** The Authorization header's algorithm: AWS4-HMAC-SHA256 (SigV4) or AWS4-ECDSA-P256-SHA256 (SigV4a). */
  signatureAlgorithm?: string;
  /** The X-Amz-Region-Set header a SigV4a request signs, e.g. "*". */
  regionSet?: string;
  /** The x-amz-security-token header. */
  securityToken?: string;
  /** Set when `credentials` were given: true iff the SigV4 signature matches. */
  signatureValid?: boolean;
  /** What the stub answered (SendEmail only). */
  fault?: Fault;
  /** The HTTP status answered; unset while pending and for 'reset' and 'hang'. */
  status?: number;
};

export type StubOptions = TenantStubOptions & {
  /** Port to listen on, 0 (default) for a free one; host is always 127.0.0.1. */
  port?: number;
  /** HTTPS with a self-signed certificate for 127.0.0.1 and localhost, generated at start. */
  tls?: boolean;
  /**
   * When given, every request must carry a valid AWS SigV4 signature made with one of these keys
   * or one issued by the stub's AssumeRole. No signature → 403 MissingAuthenticationToken;
   * unknown key or session token → 403 InvalidClientTokenId; wrong signature → 403
   * SignatureDoesNotMatch (JSON for SES, XML for STS). When not given, nothing is checked.
   */
  credentials?: Record<string, { secretAccessKey: string; sessionToken?: string }>;
  /** Which fault a SendEmail request gets; default 'ok'. A function is asked per request. */
  fault?: Fault | ((request: StubRequest) => Fault);
  /** Delay before each response is written (models the SES round trip). */
  latencyMs?: number;
  /** Delay once per new TCP connection before the server reads it (models TCP/TLS handshakes). */
  connectDelayMs?: number;
  /** Keep the logs `requests`, `accepted`, `assumeRoleCalls` (default true); counts are kept anyway. */
  record?: boolean;
  /** Body of GET /v2/email/account; default: production access, sending enabled, healthy. */
  account?: Record<string, unknown>;
  /**
   * Bodies of GET /v2/email/identities/{identity} by identity (DkimAttributes, MailFromAttributes,
   * …, as SES words them); others → 404 NotFoundException.
   */
  identities?: Record<string, Record<string, unknown>>;
  /**
   * Configuration sets for GET /v2/email/configuration-sets/{name}: a name (SES's defaults), or a
   * body whose fields (DeliveryOptions, SuppressionOptions, …) replace the defaults. Others → 404.
   */
  configurationSets?: Array<string | StubConfigurationSet>;
  /**
   * The account's suppression list: by address, the SuppressedDestination GetSuppressedDestination
   * answers (Reason, LastUpdateTime in epoch seconds, Attributes). Others → 404 NotFoundException.
   */
  suppressedDestinations?: Record<string, Record<string, unknown>>;
  /** VDM recommendations ListRecommendations lists, filtered by its Filter and paged by PageSize. */
  recommendations?: Array<Record<string, unknown>>;
  /**
   * GetMessageInsights's answers by MessageId (FromEmailAddress, Subject, EmailTags, Insights with
   * each event's Timestamp in epoch seconds, as SES's JSON has it); others → 404 NotFoundException.
   * Only an account whose VdmAttributes.VdmEnabled is ENABLED has insights: any other account gets
   * 400 BadRequestException saying VDM is not enabled (SES does not document its wording).
   */
  messageInsights?: Record<string, Record<string, unknown>>;
  /**
   * Per signing region (SigV4's credential scope), an account, identities and configuration sets
   * that replace the ones above, so one stub can present the two regions of a global endpoint.
   */
  regions?: Record<
    string,
    Pick<StubOptions, 'account' | 'identities' | 'configurationSets' | 'suppressedDestinations' | 'recommendations'>
  >;
  /**
   * SES global endpoints, listed and shown only in their primary region (the first of `Regions`),
   * as SES does. When given, a SendEmail with an `EndpointId` none of them has gets 404
   * NotFoundException (what SES itself answers then is not documented), and one signed with
   * SigV4 instead of SigV4a gets 403 SignatureDoesNotMatch.
   */
  multiRegionEndpoints?: StubMultiRegionEndpoint[];
  /**
   * ListMultiRegionEndpoints answers a new NextToken on every page, as a broken or hostile
   * endpoint may: a client that follows them pages without end.
   */
  endlessEndpointPages?: boolean;
  /**
   * Operations this "endpoint" lacks: 404 with a plain body before any signature check, as
   * aws-ses-v2-local answers routes it does not know.
   */
  unsupported?: StubOperation[];
  /** STS AssumeRole: lifetime of issued credentials; default the request's DurationSeconds, or 3600. */
  assumeRoleDurationSeconds?: number;
  /**
   * How STS AssumeRole fails instead of issuing credentials: 403 AccessDenied (the trust policy
   * refuses the caller), a plain 404 page (an STS endpoint URL that is not STS), or 503
   * ServiceUnavailable on every call (an STS outage, which the SDK retries).
   */
  stsFault?: 'accessDenied' | 'notFoundPage' | 'unavailable';
  /** Headers added to every answer, after the stub's own: e.g. an endpoint that echoes a request header. */
  responseHeaders?: (request: StubRequest) => Record<string, string>;
};

export type StubConfigurationSet = { ConfigurationSetName: string } & Record<string, unknown>;

export type StubMultiRegionEndpoint = {
  EndpointName: string;
  EndpointId: string;
  /** CREATING, READY, FAILED or DELETING. */
  Status: string;
  /** The primary region first, then the secondary one. */
  Regions: string[];
};

export type SesStub = {
  /** e.g. http://127.0.0.1:PORT or https://127.0.0.1:PORT — for SES and STS alike. */
  url: string;
  /** TLS only: the certificate in PEM, and a file path to it for NODE_EXTRA_CA_CERTS. */
  certificatePem?: string;
  certificatePath?: string;
  requests: StubRequest[];
  counts: {
    requests: number;
    sendEmail: number;
    accepted: number;
    assumeRole: number;
    connections: number;
    openConnections: number;
    peakOpenConnections: number;
  };
  /** Messages accepted (fault ok/accepted202): MessageId, destination addresses, subject. */
  accepted: Array<{ messageId: string; to: string[]; subject?: string }>;
  /** AssumeRole calls: RoleArn, RoleSessionName, ExternalId, DurationSeconds as received. */
  assumeRoleCalls: Array<Record<string, string>>;
  /** Changes the fault for later requests. */
  setFault(fault: Fault | ((request: StubRequest) => Fault)): void;
  /** Zeroes counts and clears logs; open connections stay counted, as they are still open. */
  reset(): void;
  /** Destroys every socket (including hung ones) and stops listening. */
  close(): Promise<void>;
};

type Reply = { status: number; headers: Record<string, string>; body: string } | 'reset' | 'hang';

type Credential = { secretAccessKey: string; sessionToken?: string };

const authFailures = {
  MissingAuthenticationToken: 'Missing Authentication Token',
  InvalidClientTokenId: 'The security token included in the request is invalid.',
  SignatureDoesNotMatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
} as const;

type AuthFailure = keyof typeof authFailures;

const sesRoutes: Array<{ operation: StubOperation; method: string; pattern: RegExp }> = [
  { operation: 'SendEmail', method: 'POST', pattern: /^\/v2\/email\/outbound-emails$/ },
  { operation: 'GetAccount', method: 'GET', pattern: /^\/v2\/email\/account$/ },
  { operation: 'GetEmailIdentity', method: 'GET', pattern: /^\/v2\/email\/identities\/([^/]+)$/ },
  {
    operation: 'GetConfigurationSet',
    method: 'GET',
    pattern: /^\/v2\/email\/configuration-sets\/([^/]+)$/,
  },
  { operation: 'ListMultiRegionEndpoints', method: 'GET', pattern: /^\/v2\/email\/multi-region-endpoints$/ },
  { operation: 'GetMultiRegionEndpoint', method: 'GET', pattern: /^\/v2\/email\/multi-region-endpoints\/([^/]+)$/ },
  { operation: 'GetSuppressedDestination', method: 'GET', pattern: /^\/v2\/email\/suppression\/addresses\/([^/]+)$/ },
  { operation: 'ListRecommendations', method: 'POST', pattern: /^\/v2\/email\/vdm\/recommendations$/ },
  { operation: 'GetMessageInsights', method: 'GET', pattern: /^\/v2\/email\/insights\/([^/]+)$/ },
  ...tenantRoutes,
];

const defaultAccount = {
  DedicatedIpAutoWarmupEnabled: false,
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 0 },
  SendingEnabled: true,
  SuppressionAttributes: { SuppressedReasons: [] },
};

const stsNamespace = 'https://sts.amazonaws.com/doc/2011-06-15/';

export const startSesStub = async (options: StubOptions = {}): Promise<SesStub> => {
  const { latencyMs = 0, connectDelayMs = 0, record = true } = options;
  const unsupported = new Set(options.unsupported);
  const issued = new Map<string, Credential>();
  const sockets = new Set<Socket>();
  // Aborted by close(), so no pending delay writes to a socket that close() destroyed. Every
  // pending delay listens to it: hundreds at once are normal in a benchmark, not a leak.
  const closing = new AbortController();
  setMaxListeners(0, closing.signal);
  let fault = options.fault ?? 'ok';

  const requests: StubRequest[] = [];
  const accepted: SesStub['accepted'] = [];
  const assumeRoleCalls: SesStub['assumeRoleCalls'] = [];
  const counts: SesStub['counts'] = {
    requests: 0,
    sendEmail: 0,
    accepted: 0,
    assumeRole: 0,
    connections: 0,
    openConnections: 0,
    peakOpenConnections: 0,
  };

  const wait = async (ms: number): Promise<boolean> => {
    if (ms > 0) {
      await sleep(ms, undefined, { signal: closing.signal }).catch(() => undefined);
    }
    return !closing.signal.aborted;
  };

  const authenticate = async (
    request: StubRequest,
    body: Buffer,
    authorization: SigV4Authorization | SigV4aAuthorization | undefined
  ): Promise<AuthFailure | undefined> => {
    request.signatureValid = false;
    if (!authorization) {
      return 'MissingAuthenticationToken';
    }
    const { accessKeyId } = authorization;
    const credential = options.credentials?.[accessKeyId] ?? issued.get(accessKeyId);
    if (!credential) {
      return 'InvalidClientTokenId';
    }
    // Signed with the secret alone: the signature then covers whichever x-amz-security-token the
    // client sent, and the token itself is checked on its own below.
    const received = { method: request.method, url: request.path, headers: request.headers, body };
    const signingKey = { accessKeyId, secretAccessKey: credential.secretAccessKey };
    request.signatureValid =
      'algorithm' in authorization
        ? verifySigV4aSignature(received, authorization, signingKey)
        : await verifySignature(received, authorization, signingKey);
    if (credential.sessionToken !== request.securityToken) {
      return 'InvalidClientTokenId';
    }
    return request.signatureValid ? undefined : 'SignatureDoesNotMatch';
  };

  /** The identities and configuration sets of the request's signing region. */
  const inRegion = (request: StubRequest) => ({
    ...options,
    ...(request.region === undefined ? undefined : options.regions?.[request.region]),
  });

  const primaryIn = (request: StubRequest) =>
    (options.multiRegionEndpoints ?? []).filter(({ Regions }) => Regions[0] === request.region);

  /** A SendEmail through a global endpoint the stub does not know, or not signed for it. */
  const globalEndpointFailure = (request: StubRequest, endpointId: unknown): Reply | undefined => {
    if (typeof endpointId !== 'string' || !options.multiRegionEndpoints) {
      return undefined;
    }
    if (!options.multiRegionEndpoints.some(({ EndpointId }) => EndpointId === endpointId)) {
      return sesError(404, 'NotFoundException', `Multi-region endpoint ${endpointId} does not exist.`);
    }
    return request.signatureAlgorithm === 'AWS4-ECDSA-P256-SHA256'
      ? undefined
      : sesError(
          403,
          'SignatureDoesNotMatch',
          'A multi-region endpoint requires a SigV4a (AWS4-ECDSA-P256-SHA256) signature.'
        );
  };

  const sendEmail = (request: StubRequest): Reply => {
    const message = request.body;
    if (!isRecord(message)) {
      return sesError(400, 'SerializationException', 'The request body is not a JSON object.');
    }
    const refused = globalEndpointFailure(request, message.EndpointId);
    if (refused) {
      return refused;
    }
    const chosen = typeof fault === 'function' ? fault(request) : fault;
    request.fault = chosen;
    const to = ['ToAddresses', 'CcAddresses', 'BccAddresses']
      .flatMap((field) => dig(message, 'Destination', field))
      .filter((address): address is string => typeof address === 'string');
    switch (chosen) {
      case 'ok':
      case 'accepted202': {
        const messageId = newMessageId();
        const subject = dig(message, 'Content', 'Simple', 'Subject', 'Data');
        counts.accepted += 1;
        if (record) {
          accepted.push({ messageId, to, ...(typeof subject === 'string' && { subject }) });
        }
        return json(chosen === 'ok' ? 200 : 202, { MessageId: messageId });
      }
      case 'throttle':
        return sesError(429, 'TooManyRequestsException', 'Too many requests');
      case 'server500json':
        return sesError(
          500,
          'InternalFailure',
          'The request processing has failed because of an unknown error, exception or failure.'
        );
      case 'server500text':
        return plain(500, 'text/plain', 'Internal Server Error');
      case 'unavailable503':
        return plain(503, 'text/plain', 'Service Unavailable');
      case 'messageRejected': {
        const region = (request.region ?? 'us-east-1').toUpperCase();
        const message = `Email address is not verified. The following identities failed the check in region ${region}: `;
        return sesError(400, 'MessageRejected', message + to.join(', '));
      }
      case 'invalidClientTokenId':
        return sesError(403, 'InvalidClientTokenId', authFailures.InvalidClientTokenId);
      case 'malformedJson':
        // A complete HTTP response whose JSON is cut short: a 200 the client must not trust.
        return { ...json(200, {}), body: `{"MessageId": "${newMessageId().slice(0, 12)}` };
      case 'maxSendRate':
        return sesError(429, 'TooManyRequestsException', 'Maximum sending rate exceeded.');
      case 'dailyQuota':
        return sesError(429, 'TooManyRequestsException', 'Daily message quota exceeded.');
      case 'redirect302':
        return { status: 302, headers: { location: 'https://login.example.com/sso' }, body: '' };
      case 'notFoundPage':
        return plain(404, 'text/html', '<html><body>Not Found</body></html>');
      case 'reset':
      case 'hang':
        return chosen;
    }
  };

  const assumeRole = (form: Record<string, string>): Reply => {
    if (options.stsFault === 'accessDenied') {
      return stsError(
        403,
        'AccessDenied',
        `User: arn:aws:iam::123456789012:user/logto is not authorized to perform: sts:AssumeRole on resource: ${form.RoleArn ?? ''}`
      );
    }
    if (options.stsFault === 'unavailable') {
      return stsError(503, 'ServiceUnavailable', 'Service is unavailable. Please try again later.');
    }
    if (options.stsFault === 'notFoundPage') {
      return plain(404, 'text/html', '<html><body>Not Found</body></html>');
    }
    const { RoleArn: roleArn, RoleSessionName: sessionName } = form;
    if (!roleArn || !sessionName) {
      const member = roleArn ? 'roleSessionName' : 'roleArn';
      return stsError(
        400,
        'ValidationError',
        `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`
      );
    }
    if (record) {
      const fields = ['RoleArn', 'RoleSessionName', 'ExternalId', 'DurationSeconds'] as const;
      const received = fields.flatMap((name) => {
        const value = form[name];
        return value === undefined ? [] : [[name, value] as const];
      });
      assumeRoleCalls.push(Object.fromEntries(received));
    }
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const credential = {
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
    };
    issued.set(accessKeyId, credential);
    const seconds = options.assumeRoleDurationSeconds ?? (Number(form.DurationSeconds) || 3600);
    // STS writes whole seconds; the SDK's parser takes either form.
    const expiration = new Date(Date.now() + seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const [, , , , account = '000000000000', resource = ''] = roleArn.split(':');
    const roleName = resource.split('/').pop() ?? '';
    const roleId = `AROA${randomBytes(8).toString('hex').toUpperCase()}:${sessionName}`;
    const roleUser = `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`;
    return xml(
      200,
      `<AssumeRoleResponse xmlns="${stsNamespace}">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <AssumedRoleId>${escapeXml(roleId)}</AssumedRoleId>
      <Arn>${escapeXml(roleUser)}</Arn>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${accessKeyId}</AccessKeyId>
      <SecretAccessKey>${credential.secretAccessKey}</SecretAccessKey>
      <SessionToken>${credential.sessionToken}</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>${randomUUID()}</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>`
    );
  };

  /** `form` is set for STS requests only. */
  const answer = (request: StubRequest, parameter: string, form?: Record<string, string>): Reply => {
    switch (request.operation) {
      case 'SendEmail':
        return sendEmail(request);
      case 'GetAccount':
        return json(200, inRegion(request).account ?? defaultAccount);
      case 'GetEmailIdentity': {
        const identity = inRegion(request).identities?.[parameter];
        return identity
          ? json(200, identity)
          : sesError(404, 'NotFoundException', `Email identity ${parameter} does not exist.`);
      }
      case 'GetConfigurationSet': {
        const found = inRegion(request).configurationSets?.find(
          (set) => (typeof set === 'string' ? set : set.ConfigurationSetName) === parameter
        );
        return found
          ? json(200, configurationSet(found))
          : sesError(404, 'NotFoundException', `Configuration set ${parameter} does not exist.`);
      }
      case 'GetSuppressedDestination': {
        const destination = inRegion(request).suppressedDestinations?.[parameter];
        return destination
          ? json(200, { SuppressedDestination: { EmailAddress: parameter, ...destination } })
          : sesError(404, 'NotFoundException', `Email address ${parameter} does not exist on your suppression list.`);
      }
      case 'ListRecommendations':
        return listRecommendations(inRegion(request).recommendations ?? [], request.body);
      case 'GetMessageInsights':
        return messageInsights(inRegion(request), parameter);
      case 'ListMultiRegionEndpoints':
        return json(200, {
          MultiRegionEndpoints: primaryIn(request).map(listed),
          ...(options.endlessEndpointPages && { NextToken: `page-${counts.requests}` }),
        });
      case 'GetMultiRegionEndpoint': {
        const endpoint = primaryIn(request).find(({ EndpointName }) => EndpointName === parameter);
        return endpoint
          ? json(200, shown(endpoint))
          : sesError(404, 'NotFoundException', `Multi-region endpoint ${parameter} does not exist.`);
      }
      case 'GetTenant':
      case 'GetReputationEntity':
      case 'ListTenantResources':
      case 'GetConfigurationSetEventDestinations':
        return tenantAnswer(
          request.operation,
          { parameter, body: request.body, region: request.region },
          options,
          (name) =>
            (inRegion(request).configurationSets ?? []).some(
              (set) => (typeof set === 'string' ? set : set.ConfigurationSetName) === name
            ),
          { json, sesError }
        );
      case 'AssumeRole':
        return assumeRole(form ?? {});
      case 'Unknown':
        return form
          ? stsError(400, 'InvalidAction', `Could not find operation ${form.Action ?? ''} for version 2011-06-15`)
          : sesError(404, 'UnknownOperationException', `No route ${request.method} ${request.path}`);
    }
  };

  const handle = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    response.on('error', ignore);
    const raw = await readBody(incoming);
    if (!raw) {
      return; // The client went away mid-request: nothing to answer.
    }
    const path = incoming.url ?? '/';
    const method = incoming.method ?? 'GET';
    const authorizationHeader = headerValue(incoming.headers.authorization);
    const authorization = parseAuthorization(authorizationHeader) ?? parseSigV4aAuthorization(authorizationHeader);
    const sts =
      authorization?.service === 'sts' ||
      Boolean(incoming.headers['content-type']?.startsWith('application/x-www-form-urlencoded'));
    const form = sts ? Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) : undefined;
    const { operation, parameter } = form ? stsRoute(form) : route(method, path);

    counts.requests += 1;
    counts.sendEmail += operation === 'SendEmail' ? 1 : 0;
    counts.assumeRole += operation === 'AssumeRole' ? 1 : 0;
    const request: StubRequest = {
      operation,
      sequence: counts.requests,
      method,
      path,
      headers: incoming.headers,
      body: form ?? parseJson(raw),
      accessKeyId: authorization?.accessKeyId,
      region: authorization?.region,
      signatureAlgorithm: authorizationHeader?.split(' ', 1)[0],
      regionSet: headerValue(incoming.headers['x-amz-region-set']),
      securityToken: headerValue(incoming.headers['x-amz-security-token']),
    };
    if (record) {
      requests.push(request);
    }

    const failure = options.credentials ? await authenticate(request, raw, authorization) : undefined;
    const reply = unsupported.has(request.operation)
      ? plain(404, 'text/html; charset=utf-8', '<UnknownOperationException/>')
      : failure
        ? (sts ? stsError : sesError)(403, failure, authFailures[failure])
        : answer(request, parameter, form);

    if (reply === 'hang' || !(await wait(latencyMs))) {
      return;
    }
    if (reply === 'reset') {
      incoming.socket.destroy();
      return;
    }
    request.status = reply.status;
    response.writeHead(reply.status, { ...reply.headers, ...options.responseHeaders?.(request) }).end(reply.body);
  };

  const certificate = options.tls ? await createTestCertificate() : undefined;
  const server = certificate ? createHttpsServer({ key: certificate.key, cert: certificate.cert }) : createHttpServer();
  // SES keeps idle connections open for about a minute; clients rely on that to reuse them.
  server.keepAliveTimeout = 60_000;
  server.on('request', (incoming: IncomingMessage, response: ServerResponse) => {
    void handle(incoming, response);
  });

  // The HTTP(S) server never listens itself: this TCP server accepts each connection, delays
  // it once (the handshake a real endpoint costs) and hands it over. pauseOnConnect leaves the
  // client's first bytes unread meanwhile, so the TLS layer still sees its ClientHello.
  // noDelay as node's HTTP server sets it: otherwise Nagle holds a delayed response's first bytes
  // for a delayed ACK (about 20 ms more on a new TLS connection).
  const front = createNetServer({ pauseOnConnect: true, noDelay: true }, (socket) => {
    socket.on('error', ignore); // Clients resetting connections is normal, not a stub failure.
    sockets.add(socket);
    counts.connections += 1;
    counts.openConnections += 1;
    counts.peakOpenConnections = Math.max(counts.peakOpenConnections, counts.openConnections);
    socket.on('close', () => {
      sockets.delete(socket);
      counts.openConnections -= 1;
    });
    void wait(connectDelayMs).then((open) => {
      if (open && !socket.destroyed) {
        server.emit('connection', socket);
        socket.resume(); // The HTTP server does not resume a paused socket by itself.
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port ?? 0, '127.0.0.1', () => {
      front.off('error', reject);
      resolve();
    });
  });
  const { port } = front.address() as AddressInfo;

  return {
    url: `${certificate ? 'https' : 'http'}://127.0.0.1:${port}`,
    certificatePem: certificate?.cert,
    certificatePath: certificate?.path,
    requests,
    counts,
    accepted,
    assumeRoleCalls,
    setFault: (next) => {
      fault = next;
    },
    reset: () => {
      requests.length = 0;
      accepted.length = 0;
      assumeRoleCalls.length = 0;
      Object.assign(counts, {
        requests: 0,
        sendEmail: 0,
        accepted: 0,
        assumeRole: 0,
        connections: 0,
        peakOpenConnections: counts.openConnections,
      });
    },
    close: async () => {
      closing.abort();
      const closed = new Promise<void>((resolve) => front.close(() => resolve()));
      for (const socket of sockets) {
        socket.destroy();
      }
      await closed;
      await certificate?.dispose();
    },
  };
};

const ignore = (): void => undefined;

/** The whole body, or undefined when the client aborted before sending all of it. */
const readBody = async (incoming: IncomingMessage): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of incoming) {
      chunks.push(chunk as Buffer);
    }
  } catch {
    return undefined;
  }
  return incoming.complete ? Buffer.concat(chunks) : undefined;
};

/** `parameter` is the decoded {EmailIdentity} or {ConfigurationSetName} of the path. */
type Route = { operation: StubOperation; parameter: string };

const route = (method: string, path: string): Route => {
  const { pathname } = new URL(path, 'http://stub.invalid');
  for (const { operation, method: routeMethod, pattern } of sesRoutes) {
    const match = method === routeMethod ? pattern.exec(pathname) : null;
    if (match) {
      return { operation, parameter: decodeSegment(match[1] ?? '') };
    }
  }
  return { operation: 'Unknown', parameter: '' };
};

/** STS has one route: POST / whose form names the action. */
const stsRoute = (form: Record<string, string>): Route => ({
  operation: form.Action === 'AssumeRole' ? 'AssumeRole' : 'Unknown',
  parameter: '',
});

const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

const parseJson = (raw: Buffer): unknown => {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `message.a.b.c`, or undefined as soon as a level is missing. */
const dig = (value: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((current, key) => (isRecord(current) ? current[key] : undefined), value);

/** The shape of a real SES message id, unique per call. */
const newMessageId = (): string => `0100${Date.now().toString(16).padStart(12, '0')}-${randomUUID()}-000000`;

const timestamp = Date.parse('2026-01-15T10:00:00Z') / 1000;

/** ListMultiRegionEndpoints's entry: the regions as a list of names. */
const listed = (endpoint: StubMultiRegionEndpoint) => ({
  ...endpoint,
  CreatedTimestamp: timestamp,
  LastUpdatedTimestamp: timestamp,
});

/** GetMultiRegionEndpoint's answer: the regions as routes. */
const shown = ({ Regions, ...endpoint }: StubMultiRegionEndpoint) => ({
  ...endpoint,
  Routes: Regions.map((Region) => ({ Region })),
  CreatedTimestamp: timestamp,
  LastUpdatedTimestamp: timestamp,
});

/** GetConfigurationSet's answer: SES's defaults, with the test's fields over them. */
const configurationSet = (set: string | StubConfigurationSet) => ({
  DeliveryOptions: { TlsPolicy: 'OPTIONAL' },
  ReputationOptions: { ReputationMetricsEnabled: false },
  SendingOptions: { SendingEnabled: true },
  Tags: [],
  ...(typeof set === 'string' ? { ConfigurationSetName: set } : set),
});

/**
 * ListRecommendations: the recommendations that match every key of the request's Filter (TYPE,
 * IMPACT, STATUS, RESOURCE_ARN), PageSize at a time; NextToken is the offset of the next page.
 */
const listRecommendations = (recommendations: Array<Record<string, unknown>>, body: unknown): Reply => {
  const filter = isRecord(body) && isRecord(body.Filter) ? body.Filter : {};
  const fields: Record<string, string> = {
    TYPE: 'Type',
    IMPACT: 'Impact',
    STATUS: 'Status',
    RESOURCE_ARN: 'ResourceArn',
  };
  const matching = recommendations.filter((recommendation) =>
    Object.entries(filter).every(([key, value]) => recommendation[fields[key] ?? key] === value)
  );
  const pageSize = isRecord(body) && typeof body.PageSize === 'number' ? body.PageSize : 100;
  const start = isRecord(body) && typeof body.NextToken === 'string' ? Number(body.NextToken) : 0;
  const end = start + pageSize;
  return json(200, {
    Recommendations: matching.slice(start, end),
    ...(end < matching.length && { NextToken: String(end) }),
  });
};

/** GetMessageInsights: VDM keeps a timeline per message only for an account that has VDM on. */
const messageInsights = (
  { account = defaultAccount, messageInsights: insights }: Pick<StubOptions, 'account' | 'messageInsights'>,
  messageId: string
): Reply => {
  if (dig(account, 'VdmAttributes', 'VdmEnabled') !== 'ENABLED') {
    return sesError(
      400,
      'BadRequestException',
      'Virtual Deliverability Manager (VDM) is not enabled for this account.'
    );
  }
  const found = insights?.[messageId];
  return found
    ? json(200, { MessageId: messageId, ...found })
    : sesError(404, 'NotFoundException', `Message ${messageId} not found.`);
};

const json = (status: number, body: unknown): Exclude<Reply, string> => ({
  status,
  headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() },
  body: JSON.stringify(body),
});

/** A restJson1 error: the SDK takes the error name from the x-amzn-ErrorType header. */
const sesError = (status: number, type: string, message: string): Reply => {
  const reply = json(status, { message });
  return { ...reply, headers: { ...reply.headers, 'x-amzn-errortype': type } };
};

const xml = (status: number, body: string): Reply => ({
  status,
  headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() },
  body,
});

/** An awsQuery error, as STS writes it. */
const stsError = (status: number, code: string, message: string): Reply =>
  xml(
    status,
    `<ErrorResponse xmlns="${stsNamespace}">
  <Error>
    <Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>
    <Code>${code}</Code>
    <Message>${escapeXml(message)}</Message>
  </Error>
  <RequestId>${randomUUID()}</RequestId>
</ErrorResponse>`
  );

/** A body from something in front of SES (a proxy or load balancer): no AWS headers at all. */
const plain = (status: number, contentType: string, body: string): Reply => ({
  status,
  headers: { 'content-type': contentType },
  body,
});

const escapeXml = (text: string): string => text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);
