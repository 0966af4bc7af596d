/**
 * A stand-in for Tencent Cloud SMS (API 3.0, `SendSms`, version 2021-01-11), for tests: on 127.0.0.1
 * and a free port, it checks each request as Tencent does — the TC3-HMAC-SHA256 signature (computed
 * here on its own, from Tencent's documented steps, not with the server's code), the timestamp within
 * five minutes, the action and version, the app id, sign name and template — and answers in Tencent's
 * shapes, error codes included.
 *
 *   const sms = await startSmsStandIn();
 *   const app = await startTestApp(kind, { ...sms.env });
 *   ...
 *   expect(sms.state.sent).toHaveLength(1);
 *   await sms.pause(); // down: connections refused, until sms.resume()
 *   await sms.close();
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SmsStandInOptions {
  secretId?: string;
  secretKey?: string;
  sdkAppId?: string;
  signName?: string;
  templates?: { progress: string; code: string };
}

export interface SentSms {
  /** As sent: `+86…`. */
  phone: string;
  templateId: string;
  params: string[];
  signName: string;
  at: number;
}

export interface SmsStandInState {
  /** Every request that reached the stand-in, accepted or not, with its parsed body. */
  requests: Array<{ headers: IncomingMessage['headers']; body: unknown }>;
  /** Messages accepted for delivery, in order. */
  sent: SentSms[];
  /** The next request(s) fail with this code, at the request level (`InternalError`…) or for the number (`LimitExceeded.…`). */
  failNext(code: string, options?: { times?: number; perNumber?: boolean }): void;
  /** The codes sent to a phone (11 digits), from template `code`'s first parameter. */
  codesSentTo(phone: string): string[];
  /** Awaited before each request is answered: a slow provider (null: answer at once). */
  slowly: (() => Promise<void>) | null;
}

export interface SmsStandIn {
  url: string;
  env: Record<string, string>;
  state: SmsStandInState;
  /** Stops listening: requests are refused until `resume()`. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

const ACTION = 'SendSms';
const VERSION = '2021-01-11';
const SERVICE = 'sms';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

class Refusal extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Checks the Authorization header of a request the way Tencent's gateway does. */
function verifySignature(request: IncomingMessage, payload: string, secretId: string, secretKey: string): void {
  const authorization = request.headers.authorization ?? '';
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (!match) throw new Refusal('AuthFailure.InvalidAuthorization');
  const [, id, date, service, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string];
  if (id !== secretId) throw new Refusal('AuthFailure.SecretIdNotFound');
  const timestamp = Number(request.headers['x-tc-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) throw new Refusal('AuthFailure.SignatureExpire');
  if (service !== SERVICE || date !== new Date(timestamp * 1000).toISOString().slice(0, 10))
    throw new Refusal('AuthFailure.SignatureFailure');
  const names = signedHeaders.split(';');
  if (!names.includes('content-type') || !names.includes('host')) throw new Refusal('AuthFailure.SignatureFailure');
  const canonicalHeaders = names
    .map(
      (name) =>
        `${name}:${String(request.headers[name] ?? '')
          .trim()
          .toLowerCase()}\n`,
    )
    .join('');
  // Tencent lowercases header values for the canonical form except content-type's charset spelling; both are lowercase here.
  const canonicalRequest = [request.method, '/', '', canonicalHeaders, signedHeaders, sha256(payload)].join('\n');
  const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/${service}/tc3_request`, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  if (expected !== signature) throw new Refusal('AuthFailure.SignatureFailure');
}

export async function startSmsStandIn(options: SmsStandInOptions = {}): Promise<SmsStandIn> {
  const secretId = options.secretId ?? `AKID${randomBytes(12).toString('hex')}`;
  const secretKey = options.secretKey ?? randomBytes(16).toString('hex');
  const sdkAppId = options.sdkAppId ?? '1400000001';
  const signName = options.signName ?? '码上监督';
  const templates = options.templates ?? { progress: '2000001', code: '2000002' };
  const failures: Array<{ code: string; times: number; perNumber: boolean }> = [];

  const state: SmsStandInState = {
    requests: [],
    sent: [],
    failNext(code, { times = 1, perNumber = false } = {}) {
      failures.push({ code, times, perNumber });
    },
    slowly: null,
    codesSentTo(phone) {
      return state.sent.filter((s) => s.phone === `+86${phone}` && s.templateId === templates.code).map((s) => s.params[0]!);
    },
  };

  function answer(response: ServerResponse, body: Record<string, unknown>): void {
    // Tencent answers errors with HTTP 200 too, the error inside the Response envelope.
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ Response: { ...body, RequestId: randomUUID() } }));
  }

  function handle(request: IncomingMessage, payload: string): Record<string, unknown> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(payload) as Record<string, unknown>;
    } catch {
      throw new Refusal('InvalidParameter');
    }
    state.requests.push({ headers: request.headers, body });
    if (request.method !== 'POST' || request.url !== '/') throw new Refusal('InvalidAction');
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) throw new Refusal('InvalidParameter.ContentType');
    if (request.headers['x-tc-action'] !== ACTION) throw new Refusal('InvalidAction');
    if (request.headers['x-tc-version'] !== VERSION) throw new Refusal('NoSuchVersion');
    verifySignature(request, payload, secretId, secretKey);
    if (body.SmsSdkAppId !== sdkAppId) throw new Refusal('FailedOperation.SmsSdkAppIdVerifyFail');
    if (body.SignName !== signName) throw new Refusal('FailedOperation.SignatureIncorrectOrUnapproved');
    if (body.TemplateId !== templates.progress && body.TemplateId !== templates.code)
      throw new Refusal('FailedOperation.TemplateIncorrectOrUnapproved');
    const params = body.TemplateParamSet;
    if (!Array.isArray(params) || params.some((p) => typeof p !== 'string' || p.length > 12))
      throw new Refusal('InvalidParameterValue.TemplateParameterFormatError');
    const phones = body.PhoneNumberSet;
    if (!Array.isArray(phones) || phones.length === 0 || phones.length > 200)
      throw new Refusal('InvalidParameterValue.IncorrectPhoneNumber');
    const failure = failures[0];
    if (failure) {
      if (--failure.times <= 0) failures.shift();
      if (!failure.perNumber) throw new Refusal(failure.code);
    }
    const statuses = (phones as unknown[]).map((phone) => {
      const valid = typeof phone === 'string' && /^\+861[3-9]\d{9}$/.test(phone);
      const code = !valid ? 'InvalidParameterValue.IncorrectPhoneNumber' : failure?.perNumber ? failure.code : 'Ok';
      if (code === 'Ok')
        state.sent.push({
          phone: phone as string,
          templateId: body.TemplateId as string,
          params: params as string[],
          signName,
          at: Date.now(),
        });
      return {
        SerialNo: randomUUID(),
        PhoneNumber: phone,
        Fee: code === 'Ok' ? 1 : 0,
        SessionContext: '',
        Code: code,
        Message: code === 'Ok' ? 'send success' : code,
        IsoCode: 'CN',
      };
    });
    return { SendStatusSet: statuses };
  }

  const sockets = new Set<Socket>();
  const serve = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (state.slowly?.() ?? Promise.resolve()).then(() => {
        try {
          answer(response, handle(request, Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          const code = error instanceof Refusal ? error.code : 'InternalError';
          answer(response, { Error: { Code: code, Message: code } });
        }
      });
    });
  };
  let server: Server = createServer(serve);
  const track = (s: Server) =>
    s.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let listening = true;

  const stop = async () => {
    if (!listening) return;
    listening = false;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return {
    url,
    env: {
      SMS_PROVIDER: 'tencent',
      SMS_API_BASE: url,
      SMS_SECRET_ID: secretId,
      SMS_SECRET_KEY: secretKey,
      SMS_SDK_APP_ID: sdkAppId,
      SMS_SIGN_NAME: signName,
      SMS_TEMPLATE_PROGRESS: templates.progress,
      SMS_TEMPLATE_CODE: templates.code,
    },
    state,
    pause: stop,
    async resume() {
      if (listening) return;
      server = createServer(serve);
      track(server);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      listening = true;
    },
    close: stop,
  };
}
