import { z } from 'zod';

export const STAFF_ROLES = {
  township_handler: '乡镇纪委干部',
  county_supervisor: '县纪委监督员',
  village_publisher: '村报账员',
  village_supervisor: '村务监督委员会主任',
  admin: '系统管理员',
} as const;
export type StaffRole = keyof typeof STAFF_ROLES;
export const StaffRoleSchema = z.enum(Object.keys(STAFF_ROLES) as [StaffRole, ...StaffRole[]], { error: '请选择角色' });

export const StaffAccountSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: StaffRoleSchema,
  /** The region the account belongs to; it sees that region and every region under it. */
  regionCode: z.string(),
  regionName: z.string(),
  disabled: z.boolean(),
});
export type StaffAccount = z.infer<typeof StaffAccountSchema>;

export const LoginSchema = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, { error: '请输入用户名' }).max(40),
  password: z.string({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(200),
});
export type Login = z.infer<typeof LoginSchema>;

export const StaffSessionSchema = z.object({
  /** Sent back as `Authorization: Bearer <token>`; stored on the server only as a hash. */
  token: z.string(),
  expiresAt: z.string(),
  account: StaffAccountSchema,
});
export type StaffSession = z.infer<typeof StaffSessionSchema>;

export const UsernameSchema = z
  .string({ error: '请输入用户名' })
  .trim()
  .regex(/^[a-z0-9][a-z0-9_.-]{2,39}$/, { error: '用户名为3到40位小写字母、数字、点、横线或下划线' });

/** The level of region each role works at: the length of its region code. */
export const ROLE_REGION_DIGITS: Record<StaffRole, readonly number[]> = {
  township_handler: [9],
  county_supervisor: [6],
  village_publisher: [12],
  village_supervisor: [12],
  admin: [6, 9],
};

export const AccountCreateSchema = z
  .object({
    username: UsernameSchema,
    displayName: z.string({ error: '请输入姓名' }).trim().min(2, { error: '姓名至少两个字' }).max(20),
    role: StaffRoleSchema,
    regionCode: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, { error: '区划代码应为6、9或12位数字' }),
  })
  .refine((a) => ROLE_REGION_DIGITS[a.role].includes(a.regionCode.length), {
    path: ['regionCode'],
    error: '区划与角色不符：乡镇纪委干部用9位乡镇代码，县纪委用6位县代码，村级角色用12位村代码',
  });
export type AccountCreate = z.infer<typeof AccountCreateSchema>;

export const AccountUpdateSchema = z.object({
  displayName: z.string().trim().min(2, { error: '姓名至少两个字' }).max(20).optional(),
  disabled: z.boolean().optional(),
});
export type AccountUpdate = z.infer<typeof AccountUpdateSchema>;

/** Shown once to the admin, who hands it over; the holder must change it (later: forced change). */
export const TemporaryPasswordSchema = z.object({ account: StaffAccountSchema, temporaryPassword: z.string() });

export const AuditEntrySchema = z.object({
  at: z.string(),
  accountId: z.number().int(),
  username: z.string(),
  action: z.string(),
  reportNo: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** A year of the official holiday calendar, as the State Council publishes it. */
export const CalendarScheduleSchema = z.object({
  /** Days off that fall on weekdays (放假). */
  holidays: z
    .array(z.iso.date({ error: '日期格式应为 2027-01-01' }))
    .min(1, { error: '请至少填写一个放假日期' })
    .max(60),
  /** Weekend days that are worked (调休上班). */
  workdays: z.array(z.iso.date({ error: '日期格式应为 2027-01-01' })).max(20),
});
export type CalendarSchedule = z.infer<typeof CalendarScheduleSchema>;

export const CalendarStatusSchema = z.object({
  years: z.array(z.object({ year: z.number().int(), source: z.enum(['package', 'admin', 'missing']) })),
  /** Shown to admins until the missing year is entered. */
  warnings: z.array(z.string()),
});
export type CalendarStatus = z.infer<typeof CalendarStatusSchema>;
