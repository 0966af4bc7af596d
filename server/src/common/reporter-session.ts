import type { FastifyRequest } from 'fastify';

/**
 * How the case module learns who filed a real-name report while signed in, without importing the
 * reporter module (which builds on the case module): the reporter module provides this lookup under
 * REPORTER_SESSION_LOOKUP; a report controller asks it only for a real-name filing.
 */
export const REPORTER_SESSION_LOOKUP = Symbol('REPORTER_SESSION_LOOKUP');

export interface ReporterSessionLookup {
  /** The live reporter session the request's `X-Reporter-Token` names, or null (none, unknown, ended). */
  sessionIdOf(request: FastifyRequest): Promise<number | null>;
}
