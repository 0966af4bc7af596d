import { Controller, UseGuards } from '@nestjs/common';
import { contract } from '@mashang/shared';
import { ClientAddress } from '../../common/client-address.js';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import type { ReporterSessionEntity } from '../reporter/reporter.entities.js';
import { ReporterSessionGuard, SignedInReporter } from '../reporter/reporter-session.guard.js';
import { PhoneLogin } from './phone-login.js';
import { Subscriptions } from './subscriptions.js';

const routes = contract.notification;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;

/** Subscribe templates and grants for the mini program; phone sign-in by SMS code for H5. */
@Controller()
export class NotificationController {
  constructor(
    private readonly subscriptions: Subscriptions,
    private readonly phoneLogin: PhoneLogin,
  ) {}

  @ContractRoute(routes.templates)
  templates() {
    return this.subscriptions.describe();
  }

  @UseGuards(ReporterSessionGuard)
  @ContractRoute(routes.grantSubscriptions)
  grant(@RouteInput() { params, body }: In<'grantSubscriptions'>, @SignedInReporter() session: ReporterSessionEntity) {
    return this.subscriptions.grant(session, params.ref, body.results);
  }

  @ContractRoute(routes.sendPhoneCode)
  sendPhoneCode(@RouteInput() { body }: In<'sendPhoneCode'>, @ClientAddress() address: string) {
    return this.phoneLogin.sendCode(body.phone, address);
  }

  @ContractRoute(routes.openPhoneSession)
  async openPhoneSession(@RouteInput() { body }: In<'openPhoneSession'>, @ClientAddress() address: string) {
    const session = await this.phoneLogin.signIn(body.phone, body.code, address);
    return { token: session.token, expiresAt: session.expiresAt.toISOString() };
  }
}
