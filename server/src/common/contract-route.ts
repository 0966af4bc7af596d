import {
  type CallHandler,
  createParamDecorator,
  Delete,
  type ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  type NestInterceptor,
  Post,
  Put,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { API_PREFIX, type FieldError, type RouteSpec } from '@mashang/shared';
import type { FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import type { z } from 'zod';
import { DomainError } from './domain-error.js';

const ROUTE_SPEC = Symbol('ROUTE_SPEC');

/** The contract route a handler implements, if any. */
export function routeSpecOf(handler: object): RouteSpec | undefined {
  return Reflect.getMetadata(ROUTE_SPEC, handler) as RouteSpec | undefined;
}
const METHOD_DECORATORS = { GET: Get, POST: Post, PUT: Put, DELETE: Delete } as const;

/** Parsed input of a contract route: what its params, query and body schemas output. */
export type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
export interface ParsedInput<R extends RouteSpec> {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
}

function fieldErrors(part: string, error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

function parsePart(part: string, schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new DomainError('VALIDATION_FAILED', fieldErrors(part, result.error));
  return result.data;
}

/** Validates a request against the route's schemas; every failure names its field. */
export function parseRouteInput<R extends RouteSpec>(route: R, request: FastifyRequest): ParsedInput<R> {
  const errors: FieldError[] = [];
  const parsed: Record<string, unknown> = {};
  for (const [part, schema, value] of [
    ['params', route.params, request.params],
    ['query', route.query, request.query],
    ['body', route.body, request.body],
  ] as const) {
    try {
      parsed[part] = parsePart(part, schema, value);
    } catch (error) {
      if (!(error instanceof DomainError) || !error.details) throw error;
      errors.push(...error.details);
    }
  }
  if (errors.length) throw new DomainError('VALIDATION_FAILED', errors);
  return parsed as unknown as ParsedInput<R>;
}

/**
 * What a handler of a route with a response schema returns when it has sent the reply itself: a
 * public answer from the cache, shaped by the same schema when it was built (modules/village/public-cache.ts).
 */
export const REPLY_SENT: unique symbol = Symbol('REPLY_SENT');

/**
 * Shapes the response by the route's schema. Unknown fields are stripped, so an entity field
 * (a reporter's phone, say) can never leak through a response by accident.
 */
@Injectable()
class ContractResponseInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = routeSpecOf(context.getHandler());
    return next.handle().pipe(map((data: unknown) => (route?.response && data !== REPLY_SENT ? route.response.parse(data) : data)));
  }
}

/** Binds a controller method to a contract route: HTTP method, path and response shape. */
export function ContractRoute(route: RouteSpec): MethodDecorator {
  return applyDecorators(
    METHOD_DECORATORS[route.method](`${API_PREFIX}${route.path}`),
    HttpCode(route.status ?? (route.method === 'POST' ? 201 : 200)),
    SetMetadata(ROUTE_SPEC, route),
    UseInterceptors(ContractResponseInterceptor),
  );
}

/** The validated input of the handler's contract route. */
export const RouteInput = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const route = routeSpecOf(context.getHandler());
  if (!route) throw new Error('@RouteInput() used on a method without @ContractRoute()');
  return parseRouteInput(route, context.switchToHttp().getRequest<FastifyRequest>());
});
