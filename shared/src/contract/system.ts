import { z } from 'zod';
import { defineRoute } from './route.js';

export const systemContract = {
  health: defineRoute({
    method: 'GET',
    path: '/health',
    summary: 'Liveness and database reachability',
    response: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'mysql']) }),
    errors: ['SERVICE_UNAVAILABLE', 'INTERNAL'],
  }),
} as const;
