import { OutboxJobEntity } from './outbox-job.entity.js';
import { PhoneCodeEntity } from './phone-code.entity.js';
import { ReportSubscriptionEntity } from './report-subscription.entity.js';

export const NOTIFICATION_ENTITIES = [OutboxJobEntity, ReportSubscriptionEntity, PhoneCodeEntity];
