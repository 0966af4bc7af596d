import { Controller, Inject } from '@nestjs/common';
import { contract } from '@mashang/shared';
import { ContractRoute } from '../../common/contract-route.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/** The privacy page states what configuration decides, so it never promises a period the server does not keep. */
@Controller()
export class PrivacyController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @ContractRoute(contract.system.privacy)
  facts() {
    return { retentionDays: this.config.retentionDays, textCheck: this.config.wechatTextCheck };
  }
}
