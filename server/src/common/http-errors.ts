import type { Socket } from 'node:net';
import { type ApiErrorBody, ERROR_HTTP_STATUS, type ErrorCode, errorMessage } from '@mashang/shared';

/**
 * Headers every answer carries, written by hand on the answers that no Fastify hook sees (the ones
 * Node's HTTP parser gives before a request exists). Helmet sets the same on every other answer.
 */
export const RAW_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

export function apiErrorBody(code: ErrorCode): ApiErrorBody {
  return { code, message: errorMessage(code) };
}

const STATUS_TEXT: Partial<Record<number, string>> = {
  400: 'Bad Request',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

/**
 * A whole HTTP/1.1 answer in the API's error shape, for a socket no request was made on; without the
 * body when the refused request was a HEAD (its client reads no body, and would take it for garbage).
 */
export function rawErrorResponse(code: ErrorCode, head = false): string {
  const status = ERROR_HTTP_STATUS[code];
  const body = JSON.stringify(apiErrorBody(code));
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
    ...RAW_SECURITY_HEADERS,
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n${lines.join('\r\n')}\r\n\r\n${head ? '' : body}`;
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them: headers over the size limit
 * (431), a request line or headers it cannot read, a Transfer-Encoding beside a Content-Length
 * (request smuggling), a bad chunk. They are answered here, in the shared shape, and not logged:
 * they are the client's mistakes.
 */
export function clientErrorHandler(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  // Nothing to answer on a connection that is gone or timed out waiting for the client.
  if (error.code === 'ECONNRESET' || error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || !socket.writable) {
    socket.destroy();
    return;
  }
  const code: ErrorCode = error.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST';
  // Node hands over the bytes it was reading (Fastify's type says otherwise).
  const head = Buffer.isBuffer(error.rawPacket) && error.rawPacket.subarray(0, 5).toString('latin1') === 'HEAD ';
  socket.end(rawErrorResponse(code, head));
}
