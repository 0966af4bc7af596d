import { z } from 'zod';
import { VillageCodeSchema } from '../schemas/region.js';
import { defineRoute } from './route.js';

const TownshipCodeSchema = z.string().regex(/^\d{9}$/, { error: '乡镇代码应为9位数字' });

/** One township (a page per village) or one village: exactly one of the two. */
export const PosterQuerySchema = z
  .object({ township: TownshipCodeSchema.optional(), village: VillageCodeSchema.optional() })
  .refine((q) => (q.township === undefined) !== (q.village === undefined), {
    error: '请选择一个乡镇或一个村（二者选一）',
    path: ['township'],
  });
export type PosterQuery = z.infer<typeof PosterQuerySchema>;

const POSTER_STAFF = ['township_handler', 'county_supervisor'] as const;
const POSTER_ERRORS = ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'] as const;

/** Printable QR posters for the notice boards, for the township and county within their jurisdiction. */
export const posterContract = {
  pdf: defineRoute({
    method: 'GET',
    path: '/staff/posters.pdf',
    summary: "A4 posters as a PDF: one page per village of a township (`township`), or one village's page (`village`)",
    auth: POSTER_STAFF,
    query: PosterQuerySchema,
    produces: 'application/pdf',
    errors: POSTER_ERRORS,
  }),
  html: defineRoute({
    method: 'GET',
    path: '/staff/posters.html',
    summary: 'The same posters as a print-ready HTML page (A4 pages when printed)',
    auth: POSTER_STAFF,
    query: PosterQuerySchema,
    produces: 'text/html',
    errors: POSTER_ERRORS,
  }),
};
