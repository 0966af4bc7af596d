import { z } from 'zod';
import { CadreRosterSchema, DeceasedListSchema, RedFlagSchema, RedFlagStatusSchema, SubsidyStandardSchema } from '../schemas/red-flag.js';
import { defineRoute } from './route.js';

const IdParams = z.object({ id: z.coerce.number({ error: '编号应为数字' }).int().positive({ error: '编号应为正整数' }) });
const AUTH_ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN'] as const;
const WATCHERS = ['township_handler', 'county_supervisor'] as const;
const Reason = z.string({ error: '请写明理由' }).trim().min(4, { error: '理由至少4个字' }).max(500, { error: '理由不超过500字' });

/** 大数据比对 of published recipient lists: never public, seen by the township and the county. */
export const redFlagContract = {
  list: defineRoute({
    method: 'GET',
    path: '/staff/red-flags',
    summary: 'Red flags raised on the recipient lists of the jurisdiction, newest first',
    auth: WATCHERS,
    query: z.object({
      status: RedFlagStatusSchema.optional(),
      village: z
        .string()
        .regex(/^\d{12}$/)
        .optional(),
    }),
    response: z.object({ items: z.array(RedFlagSchema) }),
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED'],
  }),
  dismiss: defineRoute({
    method: 'POST',
    path: '/staff/red-flags/:id/dismiss',
    summary: 'Dismiss a red flag with the reason it is not a problem',
    auth: WATCHERS,
    params: IdParams,
    body: z.object({ reason: Reason }),
    status: 200,
    response: RedFlagSchema,
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED', 'RED_FLAG_NOT_FOUND', 'ACTION_NOT_ALLOWED'],
  }),
  openCase: defineRoute({
    method: 'POST',
    path: '/staff/red-flags/:id/open-case',
    summary: "Turn a red flag into a case in the township's inbox, citing the flagged line",
    auth: WATCHERS,
    params: IdParams,
    status: 200,
    response: RedFlagSchema,
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED', 'RED_FLAG_NOT_FOUND', 'ACTION_NOT_ALLOWED'],
  }),
  saveRoster: defineRoute({
    method: 'PUT',
    path: '/staff/cadre-roster',
    summary: "Replace a village's cadre roster (with relatives where the township enters them)",
    auth: ['township_handler'],
    body: CadreRosterSchema,
    response: z.object({ entries: z.number().int() }),
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED', 'VILLAGE_NOT_FOUND'],
  }),
  saveDeceased: defineRoute({
    method: 'PUT',
    path: '/staff/deceased-persons',
    summary: "Replace the township's list of deceased persons",
    auth: ['township_handler'],
    body: DeceasedListSchema,
    response: z.object({ entries: z.number().int() }),
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED'],
  }),
  saveStandard: defineRoute({
    method: 'PUT',
    path: '/staff/subsidy-standards',
    summary: "Set the county's standard amount for one subsidy type",
    auth: ['county_supervisor'],
    body: SubsidyStandardSchema,
    response: SubsidyStandardSchema,
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED'],
  }),
} as const;
