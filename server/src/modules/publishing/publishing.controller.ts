import { Controller, Res } from '@nestjs/common';
import { DISCLOSURE_TYPES, contract, countyCodeOf } from '@mashang/shared';
import type { FastifyReply } from 'fastify';
import { Clock } from '../../common/clock.js';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { chinaDate } from '../calendar/china-date.js';
import { CurrentStaff } from '../staff/staff-auth.guard.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { sendSpreadsheet } from './send-spreadsheet.js';
import { PublishingService } from './publishing.service.js';
import { SubsidyLookupService } from './subsidy-lookup.service.js';
import { DisclosureCalendarService } from './disclosure-calendar.service.js';
import { RateLimit } from '../../common/rate-limit/rate-limit.guard.js';

const routes = contract.publishing;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;

@Controller()
export class PublishingController {
  constructor(
    private readonly publishing: PublishingService,
    private readonly subsidies: SubsidyLookupService,
    private readonly calendars: DisclosureCalendarService,
    private readonly clock: Clock,
  ) {}

  /** Public: a villager's own lines in the village's lists. Limited like query codes, so IDs cannot be tried in bulk. */
  @RateLimit('subsidy_lookup')
  @ContractRoute(contract.village.subsidyLookup)
  subsidyLookup(@RouteInput() { params, body }: ParsedInput<typeof contract.village.subsidyLookup>) {
    return this.subsidies.lookup(params.code, body.name, body.idNumber);
  }

  @ContractRoute(routes.list)
  list(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { query }: In<'list'>) {
    return this.publishing.list(account, query);
  }

  @ContractRoute(routes.get)
  get(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params }: In<'get'>) {
    return this.publishing.get(account, params.id);
  }

  @ContractRoute(routes.create)
  create(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { body }: In<'create'>) {
    return this.publishing.create(account, body);
  }

  @ContractRoute(routes.saveDraft)
  saveDraft(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params, body }: In<'saveDraft'>) {
    return this.publishing.saveDraft(account, params.id, body);
  }

  @ContractRoute(routes.submit)
  submit(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params }: In<'submit'>) {
    return this.publishing.submit(account, params.id);
  }

  @ContractRoute(routes.cosign)
  cosign(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params }: In<'cosign'>) {
    return this.publishing.cosign(account, params.id);
  }

  @ContractRoute(routes.sendBack)
  sendBack(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params, body }: In<'sendBack'>) {
    return this.publishing.sendBack(account, params.id, body.comment);
  }

  @ContractRoute(routes.correct)
  correct(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params, body }: In<'correct'>) {
    return this.publishing.correct(account, params.id, body.reason);
  }

  @ContractRoute(routes.withdraw)
  withdraw(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params, body }: In<'withdraw'>) {
    return this.publishing.withdraw(account, params.id, body.reason);
  }

  /** With the day it was counted to, the server's: a staff phone's clock may be wrong. */
  @ContractRoute(routes.overdue)
  async overdue(@CurrentStaff() account: StaffAccountEntity) {
    const asOf = chinaDate(this.clock.now());
    return { items: await this.calendars.overdueWithin(account.regionCode, asOf), asOf };
  }

  @ContractRoute(routes.calendar)
  calendar(@CurrentStaff() account: StaffAccountEntity) {
    return this.calendars.calendarOf(countyCodeOf(account.regionCode));
  }

  @ContractRoute(routes.setCalendar)
  setCalendar(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { body }: In<'setCalendar'>) {
    return this.calendars.set(account, body);
  }

  @ContractRoute(routes.template)
  async template(@RouteInput() { params }: In<'template'>, @Res() reply: FastifyReply) {
    return sendSpreadsheet(reply, `${DISCLOSURE_TYPES[params.type]}模板.xlsx`, await this.publishing.template(params.type));
  }

  @ContractRoute(routes.importTable)
  importTable(@RouteInput() { body }: In<'importTable'>) {
    return this.publishing.importTable(body.type, body.format, body.file);
  }

  @ContractRoute(routes.requireCorrection)
  requireCorrection(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params, body }: In<'requireCorrection'>) {
    return this.publishing.requireCorrection(account, params.id, body.comment);
  }
}
