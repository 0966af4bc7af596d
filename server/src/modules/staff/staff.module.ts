import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module.js';
import { RegionModule } from '../region/region.module.js';
import { AccountPolicy } from './account-policy.js';
import { AccountView } from './account-view.js';
import { AdminService } from './admin.service.js';
import { AuthService } from './auth.service.js';
import { EnrolmentService } from './enrolment.service.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './passwords.js';
import { StaffAuthGuard } from './staff-auth.guard.js';
import { AdminController, StaffController } from './staff.controller.js';
import { StaffRepository } from './staff.repository.js';
import { TwoFactor } from './two-factor.js';

@Module({
  imports: [RegionModule, AuditModule],
  controllers: [StaffController, AdminController],
  providers: [
    StaffRepository,
    AuthService,
    AdminService,
    EnrolmentService,
    AccountView,
    AccountPolicy,
    LoginThrottle,
    PasswordHasher,
    TwoFactor,
    { provide: APP_GUARD, useClass: StaffAuthGuard },
  ],
  exports: [AccountView, StaffRepository],
})
export class StaffModule {}
