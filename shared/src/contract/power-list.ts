import { z } from 'zod';
import {
  AdoptTemplateSchema,
  PowerItemContentSchema,
  PowerItemUpdateSchema,
  PowerTemplateSchema,
  PowerTemplateSummarySchema,
  PowerTemplateUpdateSchema,
  StaffPowerItemSchema,
  UpdateDecisionSchema,
  VillagePowerListSchema,
} from '../schemas/power-list.js';
import { VillageCodeSchema } from '../schemas/region.js';
import { defineRoute } from './route.js';

const IdParams = z.object({ id: z.coerce.number({ error: '编号应为数字' }).int().positive({ error: '编号应为正整数' }) });
const AUTH_ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN'] as const;
/** Who keeps a village's list: its publisher, or the township for the villages of the township. */
const VILLAGE_EDITORS = ['village_publisher', 'township_handler'] as const;
/** Everyone who may read the county's templates and a village's list within their jurisdiction. */
const READERS = ['county_supervisor', 'township_handler', 'village_publisher', 'village_supervisor'] as const;
const ITEM_ERRORS = [...AUTH_ERRORS, 'VALIDATION_FAILED', 'POWER_ITEM_NOT_FOUND'] as const;

/**
 * 小微权力清单: the county writes item templates once; each village adopts them and may adjust its
 * copy. A newer template version is offered to the villages that adopted it, never forced on them.
 */
export const powerListContract = {
  templates: defineRoute({
    method: 'GET',
    path: '/staff/power-templates',
    summary: "The county's power-item templates, by category, with how many villages use each",
    auth: READERS,
    response: z.object({ items: z.array(PowerTemplateSummarySchema) }),
    errors: [...AUTH_ERRORS],
  }),
  template: defineRoute({
    method: 'GET',
    path: '/staff/power-templates/:id',
    summary: 'A template of the county with its content and versions',
    auth: READERS,
    params: IdParams,
    response: PowerTemplateSchema,
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED', 'POWER_TEMPLATE_NOT_FOUND'],
  }),
  createTemplate: defineRoute({
    method: 'POST',
    path: '/staff/power-templates',
    summary: 'Write a new template for the county (version 1)',
    auth: ['county_supervisor'],
    body: PowerItemContentSchema,
    response: PowerTemplateSchema,
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED'],
  }),
  updateTemplate: defineRoute({
    method: 'PUT',
    path: '/staff/power-templates/:id',
    summary: 'Save a new version of a template, naming the version it was edited from; villages that adopted it are offered the change',
    auth: ['county_supervisor'],
    params: IdParams,
    body: PowerTemplateUpdateSchema,
    response: PowerTemplateSchema,
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED', 'POWER_TEMPLATE_NOT_FOUND', 'EDIT_CONFLICT'],
  }),
  villageList: defineRoute({
    method: 'GET',
    path: '/staff/villages/:code/power-items',
    summary: "A village's power list as its staff keep it: its items, offers of newer templates, and the templates it has not adopted",
    auth: READERS,
    params: z.object({ code: VillageCodeSchema }),
    response: VillagePowerListSchema,
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED', 'VILLAGE_NOT_FOUND'],
  }),
  adopt: defineRoute({
    method: 'POST',
    path: '/staff/villages/:code/power-items',
    summary: "Adopt a county template into the village's list as the village's own copy",
    auth: VILLAGE_EDITORS,
    params: z.object({ code: VillageCodeSchema }),
    body: AdoptTemplateSchema,
    response: StaffPowerItemSchema,
    errors: [...AUTH_ERRORS, 'VALIDATION_FAILED', 'VILLAGE_NOT_FOUND', 'POWER_TEMPLATE_NOT_FOUND', 'TEMPLATE_ALREADY_ADOPTED'],
  }),
  item: defineRoute({
    method: 'GET',
    path: '/staff/power-items/:id',
    summary: "A village's power item with the template it follows and any newer version on offer",
    auth: READERS,
    params: IdParams,
    response: StaffPowerItemSchema,
    errors: ITEM_ERRORS,
  }),
  saveItem: defineRoute({
    method: 'PUT',
    path: '/staff/power-items/:id',
    summary: "Adjust the village's copy, naming the version it was edited from; public at once",
    auth: VILLAGE_EDITORS,
    params: IdParams,
    body: PowerItemUpdateSchema,
    response: StaffPowerItemSchema,
    errors: [...ITEM_ERRORS, 'EDIT_CONFLICT'],
  }),
  acceptUpdate: defineRoute({
    method: 'POST',
    path: '/staff/power-items/:id/accept-update',
    summary: "Take the offered template version: the county's changed fields replace the copy's, the rest stays as the village has it",
    auth: VILLAGE_EDITORS,
    params: IdParams,
    body: UpdateDecisionSchema,
    status: 200,
    response: StaffPowerItemSchema,
    errors: [...ITEM_ERRORS, 'EDIT_CONFLICT', 'ACTION_NOT_ALLOWED'],
  }),
  declineUpdate: defineRoute({
    method: 'POST',
    path: '/staff/power-items/:id/decline-update',
    summary: "Keep the village's copy as it is; the offer goes away until the county changes the template again",
    auth: VILLAGE_EDITORS,
    params: IdParams,
    body: UpdateDecisionSchema,
    status: 200,
    response: StaffPowerItemSchema,
    errors: [...ITEM_ERRORS, 'EDIT_CONFLICT', 'ACTION_NOT_ALLOWED'],
  }),
} as const;
