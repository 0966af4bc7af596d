import { Controller } from '@nestjs/common';
import { contract } from '@mashang/shared';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { DomainError } from '../../common/domain-error.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { CurrentStaff } from '../staff/staff-auth.guard.js';
import { DeadlineRulesService } from './deadline-rules.service.js';

const routes = contract.admin;

/** Rules are set per county: only an admin of a county (or above) may change them. */
function countyOf(admin: StaffAccountEntity): string {
  if (admin.regionCode.length > 6) throw new DomainError('FORBIDDEN');
  return admin.regionCode.slice(0, 6);
}

@Controller()
export class DeadlineRulesController {
  constructor(private readonly rules: DeadlineRulesService) {}

  @ContractRoute(routes.deadlineRules)
  get(@CurrentStaff() me: StaffAccountEntity) {
    return this.rules.view(me.regionCode.slice(0, 6));
  }

  @ContractRoute(routes.setDeadlineRules)
  set(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { body }: ParsedInput<typeof routes.setDeadlineRules>) {
    return this.rules.set(countyOf(me), body, me.id);
  }

  @ContractRoute(routes.resetDeadlineRules)
  reset(@CurrentStaff() me: StaffAccountEntity) {
    return this.rules.reset(countyOf(me));
  }
}
