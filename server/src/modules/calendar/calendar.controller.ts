import { Controller } from '@nestjs/common';
import { contract } from '@mashang/shared';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { DomainError } from '../../common/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { CurrentStaff } from '../staff/staff-auth.guard.js';
import { CalendarScheduleService } from './calendar-schedule.service.js';

const routes = contract.admin;

@Controller()
export class CalendarController {
  constructor(
    private readonly schedules: CalendarScheduleService,
    private readonly audit: AuditService,
  ) {}

  @ContractRoute(routes.calendar)
  status() {
    return this.schedules.status();
  }

  /**
   * The calendar is the country's and moves every county's working days: only an admin above the
   * county (a province admin, region code of 2 digits) may enter it.
   */
  @ContractRoute(routes.setCalendarYear)
  async setYear(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { params, body }: ParsedInput<typeof routes.setCalendarYear>) {
    if (me.regionCode.length >= 6) throw new DomainError('FORBIDDEN');
    const status = await this.schedules.setYear(params.year, body, me.id);
    await this.audit.record({
      actorId: me.id,
      action: 'calendar_changed',
      changes: [
        { field: 'year', from: null, to: String(params.year) },
        { field: 'holidays', from: null, to: body.holidays.join('、') },
        { field: 'workdays', from: null, to: body.workdays.join('、') || '无' },
      ],
    });
    return status;
  }
}
