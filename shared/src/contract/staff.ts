import { z } from 'zod';
import {
  AccountCreateSchema,
  AccountUpdateSchema,
  AuditEntrySchema,
  CalendarScheduleSchema,
  CalendarStatusSchema,
  LoginSchema,
  StaffAccountSchema,
  StaffSessionSchema,
  TemporaryPasswordSchema,
} from '../schemas/staff.js';
import { CountyDeadlineRulesSchema, DeadlineRulesSchema } from '../schemas/deadline-rules.js';
import { defineRoute } from './route.js';

const YearParams = z.object({ year: z.coerce.number({ error: '年份应为数字' }).int().min(2020).max(2100) });
const AccountIdParams = z.object({ id: z.coerce.number({ error: '编号应为数字' }).int().positive({ error: '编号应为正整数' }) });
const AUTH_ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN'] as const;

export const staffContract = {
  login: defineRoute({
    method: 'POST',
    path: '/staff/login',
    summary: 'Sign in; rate-limited per address, an account locks after repeated failures',
    body: LoginSchema,
    status: 200,
    response: StaffSessionSchema,
    errors: ['VALIDATION_FAILED', 'LOGIN_FAILED', 'ACCOUNT_LOCKED', 'RATE_LIMITED'],
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/staff/logout',
    summary: 'End the current session',
    auth: 'any',
    status: 200,
    response: z.object({ ok: z.literal(true) }),
    errors: ['UNAUTHENTICATED'],
  }),
  me: defineRoute({
    method: 'GET',
    path: '/staff/me',
    summary: 'The signed-in account',
    auth: 'any',
    response: StaffAccountSchema,
    errors: ['UNAUTHENTICATED'],
  }),
};

export const adminContract = {
  accounts: defineRoute({
    method: 'GET',
    path: '/admin/accounts',
    summary: 'Staff accounts in the admin’s region',
    auth: ['admin'],
    response: z.object({ items: z.array(StaffAccountSchema) }),
    errors: [...AUTH_ERRORS],
  }),
  createAccount: defineRoute({
    method: 'POST',
    path: '/admin/accounts',
    summary: 'Create an account with a temporary password',
    auth: ['admin'],
    body: AccountCreateSchema,
    response: TemporaryPasswordSchema,
    errors: ['VALIDATION_FAILED', 'USERNAME_TAKEN', ...AUTH_ERRORS],
  }),
  updateAccount: defineRoute({
    method: 'PUT',
    path: '/admin/accounts/:id',
    summary: 'Rename, disable or enable an account (disabling ends its sessions)',
    auth: ['admin'],
    params: AccountIdParams,
    body: AccountUpdateSchema,
    response: StaffAccountSchema,
    errors: ['VALIDATION_FAILED', 'ACCOUNT_NOT_FOUND', ...AUTH_ERRORS],
  }),
  resetPassword: defineRoute({
    method: 'POST',
    path: '/admin/accounts/:id/reset-password',
    summary: 'Issue a new temporary password, ending the account’s sessions',
    auth: ['admin'],
    params: AccountIdParams,
    status: 200,
    response: TemporaryPasswordSchema,
    errors: ['ACCOUNT_NOT_FOUND', ...AUTH_ERRORS],
  }),
  calendar: defineRoute({
    method: 'GET',
    path: '/admin/calendar',
    summary: 'Which years of the official holiday calendar are known, with a warning for a missing one',
    auth: ['admin'],
    response: CalendarStatusSchema,
    errors: [...AUTH_ERRORS],
  }),
  setCalendarYear: defineRoute({
    method: 'PUT',
    path: '/admin/calendar/:year',
    summary: "Enter a year's holidays and make-up working days when the State Council publishes them",
    auth: ['admin'],
    params: YearParams,
    body: CalendarScheduleSchema,
    response: CalendarStatusSchema,
    errors: ['VALIDATION_FAILED', ...AUTH_ERRORS],
  }),
  deadlineRules: defineRoute({
    method: 'GET',
    path: '/admin/deadline-rules',
    summary: "The deadline rules in force in the admin's county",
    auth: ['admin'],
    response: CountyDeadlineRulesSchema,
    errors: [...AUTH_ERRORS],
  }),
  setDeadlineRules: defineRoute({
    method: 'PUT',
    path: '/admin/deadline-rules',
    summary: "Set the county's own deadline rules; they apply to clocks that start from then on",
    auth: ['admin'],
    body: DeadlineRulesSchema,
    response: CountyDeadlineRulesSchema,
    errors: ['VALIDATION_FAILED', ...AUTH_ERRORS],
  }),
  resetDeadlineRules: defineRoute({
    method: 'DELETE',
    path: '/admin/deadline-rules',
    summary: 'Return the county to the shipped rules',
    auth: ['admin'],
    response: CountyDeadlineRulesSchema,
    errors: [...AUTH_ERRORS],
  }),
  auditLog: defineRoute({
    method: 'GET',
    path: '/admin/audit-log',
    summary: 'Who revealed which reporter’s identity, newest first; read-only',
    auth: ['admin'],
    response: z.object({ items: z.array(AuditEntrySchema) }),
    errors: [...AUTH_ERRORS],
  }),
};
