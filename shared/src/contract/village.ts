import { z } from 'zod';
import {
  DisclosureKindSchema,
  DisclosureSchema,
  DisclosureSummarySchema,
  PublishedVersionSchema,
  SubsidyLineSchema,
  SubsidyLookupSchema,
} from '../schemas/disclosure.js';
import { PowerItemSchema } from '../schemas/power-item.js';
import { ATTACHMENT_TYPES } from '../labels.js';
import { VillageCodeSchema } from '../schemas/region.js';
import { VillagePageSchema } from '../schemas/village.js';
import { VILLAGER_ROUTE_PATHS } from '../routes.js';
import { defineRoute } from './route.js';

const VillageParams = z.object({ code: VillageCodeSchema });
const IdParams = z.object({ id: z.coerce.number({ error: '编号应为数字' }).int().positive({ error: '编号应为正整数' }) });

export const villageContract = {
  page: defineRoute({
    ...VILLAGER_ROUTE_PATHS.villagePage,
    summary: 'Everything the village home page shows',
    params: VillageParams,
    response: VillagePageSchema,
    errors: ['VALIDATION_FAILED', 'VILLAGE_NOT_FOUND'],
  }),
  disclosures: defineRoute({
    ...VILLAGER_ROUTE_PATHS.villageDisclosures,
    summary: "A village's published disclosures, newest first, optionally of one kind",
    params: VillageParams,
    query: z.object({ kind: DisclosureKindSchema.optional() }),
    response: z.object({ items: z.array(DisclosureSummarySchema) }),
    errors: ['VALIDATION_FAILED', 'VILLAGE_NOT_FOUND'],
  }),
  qrSvg: defineRoute({
    ...VILLAGER_ROUTE_PATHS.qrSvg,
    summary: "The poster QR code (SVG) for the village's link",
    params: VillageParams,
    produces: 'image/svg+xml',
    errors: ['VALIDATION_FAILED', 'VILLAGE_NOT_FOUND'],
  }),
  qrPng: defineRoute({
    ...VILLAGER_ROUTE_PATHS.qrPng,
    summary: "The poster QR code (PNG) for the village's link",
    params: VillageParams,
    produces: 'image/png',
    errors: ['VALIDATION_FAILED', 'VILLAGE_NOT_FOUND'],
  }),
  powerItem: defineRoute({
    ...VILLAGER_ROUTE_PATHS.powerItem,
    summary: 'A power item with its basis and process chart',
    params: IdParams,
    response: PowerItemSchema,
    errors: ['VALIDATION_FAILED', 'POWER_ITEM_NOT_FOUND'],
  }),
  disclosure: defineRoute({
    ...VILLAGER_ROUTE_PATHS.disclosure,
    summary: 'A disclosure with its table',
    params: IdParams,
    response: DisclosureSchema,
    errors: ['VALIDATION_FAILED', 'DISCLOSURE_NOT_FOUND'],
  }),
  disclosureVersion: defineRoute({
    ...VILLAGER_ROUTE_PATHS.disclosureVersion,
    summary: 'An earlier published version of a disclosure, masked as it was shown; never a draft or a withdrawn disclosure',
    params: z.object({
      id: IdParams.shape.id,
      versionNo: z.coerce.number({ error: '版本号应为数字' }).int().positive({ error: '版本号应为正整数' }),
    }),
    response: PublishedVersionSchema,
    errors: ['VALIDATION_FAILED', 'DISCLOSURE_NOT_FOUND'],
  }),
  disclosureTable: defineRoute({
    ...VILLAGER_ROUTE_PATHS.disclosureTable,
    summary: "A published disclosure's table as an Excel file, masked as on the page",
    params: IdParams,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    errors: ['VALIDATION_FAILED', 'DISCLOSURE_NOT_FOUND'],
  }),
  disclosureAttachment: defineRoute({
    ...VILLAGER_ROUTE_PATHS.disclosureAttachment,
    summary:
      "A photo or file of a published version (images inline, PDFs as a download); `size=thumb` asks for a small copy of a photo. Drafts' files and a withdrawn disclosure's are not found",
    params: z.object({
      id: IdParams.shape.id,
      attachmentId: z.coerce.number({ error: '附件编号应为数字' }).int().positive({ error: '附件编号应为正整数' }),
    }),
    query: z.object({ size: z.enum(['thumb']).optional() }),
    produces: Object.keys(ATTACHMENT_TYPES),
    errors: ['VALIDATION_FAILED', 'ATTACHMENT_NOT_FOUND'],
  }),
  subsidyLookup: defineRoute({
    ...VILLAGER_ROUTE_PATHS.subsidyLookup,
    summary:
      "码上查: the lines of the village's published recipient lists for a name and full ID number (in the body); no match and every other miss answer alike",
    params: VillageParams,
    body: SubsidyLookupSchema,
    status: 200,
    response: z.object({ items: z.array(SubsidyLineSchema) }),
    errors: ['VALIDATION_FAILED', 'VILLAGE_NOT_FOUND', 'RATE_LIMITED'],
  }),
} as const;
