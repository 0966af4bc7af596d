import type { RouteInput, RouteRef, RouteResponse, RouteSpec } from '@mashang/shared';
import { API_PREFIX, buildPath, villagerRoutes } from '@mashang/shared/labels';
import { ApiError, isApiError, request } from './http';

type Input = { params?: Record<string, string | number>; query?: Record<string, string | number | boolean | undefined>; body?: unknown };

/** Routes whose input has no required part (no params, no body; the query is optional) may be called without an input. */
export type CallArgs<R extends RouteSpec> = Partial<RouteInput<R>> extends RouteInput<R> ? [input?: RouteInput<R>] : [input: RouteInput<R>];

/** The staff session's part in requests: its bearer token, and forgetting it when the server no longer takes it. */
export interface StaffSessionLink {
  token(): string | null;
  clear(): void;
}
let staffSession: StaffSessionLink | null = null;

/**
 * Called by stores/session-store when it loads (every staff page loads it), so that this client does not
 * import it: the session's schema would bring zod onto the villager's pages, which call no staff route.
 */
export function connectStaffSession(link: StaffSessionLink): void {
  staffSession = link;
}

/**
 * A contract route (checked against its response schema), or a villager's route from `villagerRoutes`
 * (method and path only: the villager's pages load no zod, and the server shapes every answer).
 */
type Callable<R extends RouteSpec> = R | RouteRef<R>;

/** The path a route is called at, with its `:params` filled and encoded. */
export function routeUrl<R extends RouteSpec>(route: Callable<R>, ...[input]: CallArgs<R>): string {
  return API_PREFIX + buildPath(route.path, (input as Input | undefined)?.params);
}

/**
 * The typed client: `call(contract.village.page, { params: { code } })` resolves with that route's
 * response type, derived from the contract, and checks the answer against the route's schema.
 * A route with `auth` carries the staff session's bearer token; when the server answers
 * UNAUTHENTICATED the stale session is forgotten and the page decides where to go.
 */
export async function call<R extends RouteSpec>(route: Callable<R>, ...args: CallArgs<R>): Promise<RouteResponse<R>> {
  return callWithHeaders(route, {}, ...args);
}

/** `call` with further request headers: the reporter's session token, on the routes that take it (services/reporter-session). */
export async function callWithHeaders<R extends RouteSpec>(
  route: Callable<R>,
  headers: Record<string, string>,
  ...args: CallArgs<R>
): Promise<RouteResponse<R>> {
  const input = (args[0] ?? {}) as Input;
  const data = takePreloaded(route, input) ?? (await fetched(route, input, args, headers));
  const schema = 'response' in route ? route.response : undefined;
  if (!schema) return data as RouteResponse<R>;
  const checked = schema.safeParse(data);
  if (!checked.success) {
    // The server broke the contract: nothing a villager can fix.
    console.warn(`[api] ${route.method} ${route.path} answered outside its contract`, checked.error.issues);
    throw new ApiError('INTERNAL', { status: 200 });
  }
  return checked.data as RouteResponse<R>;
}

async function fetched<R extends RouteSpec>(
  route: Callable<R>,
  input: Input,
  args: CallArgs<R>,
  headers: Record<string, string>,
): Promise<unknown> {
  const auth = 'auth' in route && route.auth;
  try {
    return await request<unknown>({
      method: route.method,
      path: routeUrl(route, ...args),
      query: input.query,
      body: input.body,
      token: auth ? staffSession?.token() : undefined,
      headers,
    });
  } catch (error) {
    if (auth && isApiError(error) && error.code === 'UNAUTHENTICATED') staffSession?.clear();
    throw error;
  }
}

/**
 * H5: the village page's answer the server wrote into the HTML of `/v/<code>` (server h5.controller.ts),
 * taken once instead of asking again over a weak network; a reload or another village asks the server.
 */
function takePreloaded(route: RouteRef, input: Input): unknown {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return undefined;
  if (route.method !== 'GET' || route.path !== villagerRoutes.village.page.path) return undefined;
  const element = document.getElementById('village-page-data');
  if (!element) return undefined;
  element.remove();
  try {
    const data = JSON.parse(element.textContent ?? '') as { village?: { code?: unknown } } | null;
    return data?.village?.code === input.params?.code ? data : undefined;
  } catch {
    return undefined;
  }
}
