import { Controller } from '@nestjs/common';
import { contract } from '@mashang/shared';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { CurrentStaff } from '../staff/staff-auth.guard.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { PowerListService } from './power-list.service.js';

const routes = contract.powerList;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;

@Controller()
export class PowerListController {
  constructor(private readonly powerList: PowerListService) {}

  @ContractRoute(routes.templates)
  templates(@CurrentStaff() account: StaffAccountEntity) {
    return this.powerList.templates(account);
  }

  @ContractRoute(routes.template)
  template(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params }: In<'template'>) {
    return this.powerList.template(account, params.id);
  }

  @ContractRoute(routes.createTemplate)
  createTemplate(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { body }: In<'createTemplate'>) {
    return this.powerList.createTemplate(account, body);
  }

  @ContractRoute(routes.updateTemplate)
  updateTemplate(
    @CurrentStaff() account: StaffAccountEntity,
    @RouteInput() { params, body: { version, ...content } }: In<'updateTemplate'>,
  ) {
    return this.powerList.updateTemplate(account, params.id, version, content);
  }

  @ContractRoute(routes.villageList)
  villageList(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params }: In<'villageList'>) {
    return this.powerList.villageList(account, params.code);
  }

  @ContractRoute(routes.adopt)
  adopt(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params, body }: In<'adopt'>) {
    return this.powerList.adopt(account, params.code, body.templateId);
  }

  @ContractRoute(routes.item)
  item(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params }: In<'item'>) {
    return this.powerList.item(account, params.id);
  }

  @ContractRoute(routes.saveItem)
  saveItem(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params, body: { version, ...content } }: In<'saveItem'>) {
    return this.powerList.saveItem(account, params.id, version, content);
  }

  @ContractRoute(routes.acceptUpdate)
  acceptUpdate(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params, body }: In<'acceptUpdate'>) {
    return this.powerList.acceptUpdate(account, params.id, body.version, body.templateVersion);
  }

  @ContractRoute(routes.declineUpdate)
  declineUpdate(@CurrentStaff() account: StaffAccountEntity, @RouteInput() { params, body }: In<'declineUpdate'>) {
    return this.powerList.declineUpdate(account, params.id, body.version, body.templateVersion);
  }
}
