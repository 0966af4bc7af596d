import { API_PREFIX, ApiErrorSchema, ERROR_HTTP_STATUS, type RouteSpec, contract } from '@mashang/shared';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

const toJson = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });

function parameters(route: RouteSpec): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = toJson(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property });
    }
  }
  return out;
}

function responses(route: RouteSpec): JsonSchema {
  const ok = route.response
    ? { description: 'OK', content: { 'application/json': { schema: toJson(route.response, 'output') } } }
    : { description: 'OK', content: Object.fromEntries([route.produces ?? 'application/octet-stream'].flat().map((type) => [type, {}])) };
  const result: JsonSchema = { [route.status ?? (route.method === 'POST' ? 201 : 200)]: ok };
  for (const code of route.errors) {
    const status = String(ERROR_HTTP_STATUS[code]);
    const existing = result[status] as { description: string } | undefined;
    result[status] = {
      description: existing ? `${existing.description}, ${code}` : code,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
    };
  }
  return result;
}

/** The OpenAPI document, generated from the shared contract rather than written beside it. */
export function buildOpenApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [area, routes] of Object.entries(contract)) {
    for (const [name, route] of Object.entries(routes as Record<string, RouteSpec>)) {
      const path = `${API_PREFIX}${route.path}`.replace(/:([A-Za-z]+)/g, '{$1}');
      paths[path] ??= {};
      paths[path][route.method.toLowerCase()] = {
        operationId: `${area}.${name}`,
        tags: [area],
        summary: route.summary,
        parameters: parameters(route),
        ...(route.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: toJson(route.body, 'input') } } } }
          : {}),
        responses: responses(route),
      };
    }
  }
  return {
    openapi: '3.0.3',
    info: { title: '码上监督 API', version: '1' },
    paths,
    components: { schemas: { ApiError: toJson(ApiErrorSchema, 'output') } },
  };
}
