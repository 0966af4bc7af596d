import { Controller } from '@nestjs/common';
import { contract } from '@mashang/shared';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { DomainError } from '../../common/domain-error.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { CurrentStaff } from '../staff/staff-auth.guard.js';
import { CalendarScheduleService } from './calendar-schedule.service.js';

const routes = contract.admin;

@Controller()
export class CalendarController {
  constructor(private readonly schedules: CalendarScheduleService) {}

  @ContractRoute(routes.calendar)
  status() {
    return this.schedules.status();
  }

  /** The calendar is the country's: only an admin of a county or above may enter it. */
  @ContractRoute(routes.setCalendarYear)
  setYear(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { params, body }: ParsedInput<typeof routes.setCalendarYear>) {
    if (me.regionCode.length > 6) throw new DomainError('FORBIDDEN');
    return this.schedules.setYear(params.year, body, me.id);
  }
}
