import { z } from 'zod';
import { VILLAGER_ROUTE_PATHS } from '../routes.js';
import { defineRoute } from './route.js';

export const systemContract = {
  health: defineRoute({
    method: 'GET',
    path: '/health',
    summary: 'Liveness and database reachability',
    response: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'mysql']) }),
    errors: ['SERVICE_UNAVAILABLE', 'INTERNAL'],
  }),
  privacy: defineRoute({
    ...VILLAGER_ROUTE_PATHS.privacy,
    summary: 'Privacy facts from configuration: days personal data is kept after a case ends; whether WeChat checks report text',
    response: z.object({ retentionDays: z.number().int(), textCheck: z.boolean() }),
    errors: ['INTERNAL'],
  }),
} as const;
