import { Controller } from '@nestjs/common';
import { contract } from '@mashang/shared';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { CurrentStaff } from '../staff/staff-auth.guard.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { RedFlagService } from './red-flag.service.js';

const routes = contract.redFlag;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;

@Controller()
export class RedFlagController {
  constructor(private readonly redFlags: RedFlagService) {}

  @ContractRoute(routes.list)
  list(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { query }: In<'list'>) {
    return this.redFlags.list(account, query);
  }

  @ContractRoute(routes.dismiss)
  dismiss(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params, body }: In<'dismiss'>) {
    return this.redFlags.dismiss(account, params.id, body.reason);
  }

  @ContractRoute(routes.openCase)
  openCase(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params }: In<'openCase'>) {
    return this.redFlags.openCase(account, params.id);
  }

  @ContractRoute(routes.saveRoster)
  saveRoster(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { body }: In<'saveRoster'>) {
    return this.redFlags.saveRoster(account, body);
  }

  @ContractRoute(routes.saveDeceased)
  saveDeceased(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { body }: In<'saveDeceased'>) {
    return this.redFlags.saveDeceased(account, body);
  }

  @ContractRoute(routes.saveStandard)
  saveStandard(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { body }: In<'saveStandard'>) {
    return this.redFlags.saveStandard(account, body);
  }
}
