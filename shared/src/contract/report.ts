import { ReportCreateSchema, ReportLookupSchema, ReportReceiptSchema, ReportStatusViewSchema } from '../schemas/report.js';
import { VILLAGER_ROUTE_PATHS } from '../routes.js';
import { defineRoute } from './route.js';

export const reportContract = {
  create: defineRoute({
    ...VILLAGER_ROUTE_PATHS.reportCreate,
    summary: 'File a report, real-name or anonymous; a retry with the same idempotency key returns the same receipt',
    body: ReportCreateSchema,
    response: ReportReceiptSchema,
    errors: ['VALIDATION_FAILED', 'MALFORMED_REQUEST', 'PAYLOAD_TOO_LARGE', 'VILLAGE_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED'],
  }),
  lookup: defineRoute({
    ...VILLAGER_ROUTE_PATHS.reportLookup,
    summary: 'Status of a report by its query code (sent in the body, never in a URL)',
    body: ReportLookupSchema,
    status: 200,
    response: ReportStatusViewSchema,
    errors: ['VALIDATION_FAILED', 'QUERY_CODE_NOT_FOUND', 'RATE_LIMITED'],
  }),
} as const;
