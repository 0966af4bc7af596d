import { createHash, createHmac } from 'node:crypto';

/**
 * Tencent Cloud API 3.0 request signing (TC3-HMAC-SHA256), as Tencent documents it ("Signature v3"):
 * a canonical request of the POST, its signed headers and the payload's SHA-256; a string to sign
 * with the timestamp and the credential scope `<UTC date>/<service>/tc3_request`; a signing key
 * derived from `TC3<SecretKey>` by HMAC over the date, the service and `tc3_request`.
 */
export interface Tc3Request {
  /** `host[:port]` as the request's Host header carries it. */
  host: string;
  /** The action, e.g. `SendSms`. */
  action: string;
  /** The JSON body, exactly as sent. */
  payload: string;
  /** Seconds since the epoch, the same as the X-TC-Timestamp header. */
  timestamp: number;
  service: string;
  secretId: string;
  secretKey: string;
}

export const TC3_CONTENT_TYPE = 'application/json; charset=utf-8';
const SIGNED_HEADERS = 'content-type;host;x-tc-action';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/** The value of the Authorization header for the request. */
export function tc3Authorization(request: Tc3Request): string {
  const canonicalHeaders = `content-type:${TC3_CONTENT_TYPE}\nhost:${request.host}\nx-tc-action:${request.action.toLowerCase()}\n`;
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, SIGNED_HEADERS, sha256(request.payload)].join('\n');
  // The scope's date is the timestamp's UTC date.
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${request.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(request.timestamp), scope, sha256(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${request.secretKey}`, date), request.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${request.secretId}/${scope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`;
}
