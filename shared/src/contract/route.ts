import type { z } from 'zod';
import type { ErrorCode } from '../labels.js';
import type { StaffRole } from '../schemas/staff.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One API route, declared once: the server implements it, the client calls it,
 * the OpenAPI document is generated from it. Paths use `:name` parameters and are
 * relative to `/api/v1`.
 */
export interface RouteSpec {
  method: HttpMethod;
  path: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** JSON response schema; absent for routes that answer with a file (`produces`: its type, or the types it may be). */
  response?: z.ZodType;
  produces?: string | readonly string[];
  /** The success status: 201 for a POST that creates, 200 otherwise (the default for POST is 201). */
  status?: 200 | 201;
  /** Staff roles that may call the route (`any`: every signed-in account); absent for public routes. */
  auth?: readonly StaffRole[] | 'any';
  errors: readonly ErrorCode[];
}

export function defineRoute<const R extends RouteSpec>(route: R): R {
  return route;
}

type InferOr<S, Fallback> = S extends z.ZodType ? z.input<S> : Fallback;

/**
 * What a caller passes: path parameters, query and body, each only where the route has one
 * (`unknown` is the part that adds nothing to the intersection).
 */
export type RouteInput<R extends RouteSpec> = (R['params'] extends z.ZodType ? { params: InferOr<R['params'], never> } : unknown) &
  (R['query'] extends z.ZodType ? { query?: InferOr<R['query'], never> } : unknown) &
  (R['body'] extends z.ZodType ? { body: InferOr<R['body'], never> } : unknown);

export type RouteResponse<R extends RouteSpec> = R['response'] extends z.ZodType ? z.output<R['response']> : never;

/** Fills `:name` placeholders, encoding each value. */
export function buildPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

export const API_PREFIX = '/api/v1';
