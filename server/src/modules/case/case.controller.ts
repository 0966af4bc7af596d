import { Controller } from '@nestjs/common';
import { contract } from '@mashang/shared';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { CurrentStaff } from '../staff/staff-auth.guard.js';
import { CaseStatsService } from './case-stats.service.js';
import { CaseService } from './case.service.js';

const routes = contract.case;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;

@Controller()
export class CaseController {
  constructor(
    private readonly cases: CaseService,
    private readonly caseStats: CaseStatsService,
  ) {}

  @ContractRoute(routes.list)
  list(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { query }: In<'list'>) {
    const { offset, limit, ...filter } = query;
    return this.cases.list(me, { ...filter, overdue: query.overdue === 'true', todo: query.todo === 'true' }, offset, limit);
  }

  @ContractRoute(routes.get)
  get(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { params }: In<'get'>) {
    return this.cases.get(me, params.reportNo);
  }

  @ContractRoute(routes.act)
  act(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { params, body }: In<'act'>) {
    return this.cases.act(me, params.reportNo, body);
  }

  @ContractRoute(routes.callbackRating)
  callbackRating(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { params, body }: In<'callbackRating'>) {
    return this.cases.callbackRating(me, params.reportNo, body);
  }

  @ContractRoute(routes.supervise)
  supervise(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { params, body }: In<'supervise'>) {
    return this.cases.supervise(me, params.reportNo, body);
  }

  @ContractRoute(routes.urge)
  urge(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { params, body }: In<'urge'>) {
    return this.cases.urge(me, params.reportNo, body);
  }

  @ContractRoute(routes.answerSupervision)
  answerSupervision(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { params, body }: In<'answerSupervision'>) {
    return this.cases.answerSupervision(me, params.reportNo, body);
  }

  @ContractRoute(routes.transfersOut)
  transfersOut(@CurrentStaff() me: StaffAccountEntity) {
    return this.cases.transfersOut(me);
  }

  @ContractRoute(routes.mark)
  mark(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { body }: In<'mark'>) {
    return this.cases.mark(me, body);
  }

  @ContractRoute(routes.reveal)
  reveal(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { params }: In<'reveal'>) {
    return this.cases.reveal(me, params.reportNo);
  }

  @ContractRoute(routes.recordOffline)
  recordOffline(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { body }: In<'recordOffline'>) {
    return this.cases.recordOffline(me, body);
  }

  @ContractRoute(routes.alerts)
  alerts(@CurrentStaff() me: StaffAccountEntity) {
    return this.cases.alerts(me);
  }

  @ContractRoute(routes.villages)
  villages(@CurrentStaff() me: StaffAccountEntity) {
    return this.cases.villages(me);
  }

  @ContractRoute(routes.handlers)
  handlers(@CurrentStaff() me: StaffAccountEntity) {
    return this.cases.handlers(me);
  }

  @ContractRoute(routes.townships)
  townships(@CurrentStaff() me: StaffAccountEntity) {
    return this.cases.townships(me);
  }

  @ContractRoute(routes.stats)
  stats(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { query }: In<'stats'>) {
    return this.caseStats.stats(me, query);
  }
}
