import { isIPv6 } from 'node:net';
import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The key a client is counted under: its IPv4 address (unmapped from `::ffff:`), or the /64 of an
 * IPv6 address, since one subscriber holds a whole /64 and could otherwise take a fresh address
 * for every request.
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => (parseInt(g, 16) || 0).toString(16));
}

/** The client's key (see `clientKey`) as Fastify resolved its address under `TRUST_PROXY`; for counting, never for storing. */
export const ClientAddress = createParamDecorator((_: unknown, context: ExecutionContext) =>
  clientKey(context.switchToHttp().getRequest<FastifyRequest>().ip),
);
