import { Controller } from '@nestjs/common';
import { type DeadlineRules, contract } from '@mashang/shared';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { DomainError } from '../../common/domain-error.js';
import { type AuditChange, AuditService } from '../audit/audit.service.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { CurrentStaff } from '../staff/staff-auth.guard.js';
import { DeadlineRulesService } from './deadline-rules.service.js';

const routes = contract.admin;

/** Rules are a county's own: only that county's admin may change them (not a township's, nor a province's). */
function countyOf(admin: StaffAccountEntity): string {
  if (admin.regionCode.length !== 6) throw new DomainError('FORBIDDEN');
  return admin.regionCode;
}

@Controller()
export class DeadlineRulesController {
  constructor(
    private readonly rules: DeadlineRulesService,
    private readonly audit: AuditService,
  ) {}

  @ContractRoute(routes.deadlineRules)
  get(@CurrentStaff() me: StaffAccountEntity) {
    return this.rules.view(me.regionCode.slice(0, 6));
  }

  @ContractRoute(routes.setDeadlineRules)
  async set(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { body }: ParsedInput<typeof routes.setDeadlineRules>) {
    const county = countyOf(me);
    const before = this.rules.view(county).rules;
    const view = await this.rules.set(county, body, me.id);
    await this.audit.record({ actorId: me.id, action: 'deadline_rules_changed', changes: periodChanges(before, body) });
    return view;
  }

  @ContractRoute(routes.resetDeadlineRules)
  async reset(@CurrentStaff() me: StaffAccountEntity) {
    const view = await this.rules.reset(countyOf(me));
    await this.audit.record({ actorId: me.id, action: 'deadline_rules_reset' });
    return view;
  }
}

/** The periods whose length changed, in words: 「问题反映·办理答复」 60天 → 45天. */
function periodChanges(before: DeadlineRules, after: DeadlineRules): AuditChange[] {
  const changes: AuditChange[] = [];
  const words = (rule: { days: number; unit: 'workday' | 'calendar' } | undefined) =>
    rule ? `${rule.days}${rule.unit === 'workday' ? '个工作日' : '天'}` : null;
  for (const name of Object.keys(after.regimes) as (keyof DeadlineRules['regimes'])[]) {
    const kinds = new Set([...Object.keys(before.regimes[name].deadlines), ...Object.keys(after.regimes[name].deadlines)]);
    for (const kind of kinds) {
      const from = before.regimes[name].deadlines[kind as keyof DeadlineRules['regimes'][typeof name]['deadlines']];
      const to = after.regimes[name].deadlines[kind as keyof DeadlineRules['regimes'][typeof name]['deadlines']];
      if (words(from) !== words(to)) {
        changes.push({ field: `${after.regimes[name].label}·${(to ?? from)!.label}`, from: words(from), to: words(to) });
      }
    }
  }
  return changes;
}
