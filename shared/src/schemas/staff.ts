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

/**
 * Roles that must sign in with a second factor: those that can reveal a reporter's identity
 * (township handlers and county supervisors) and those that manage accounts (admins).
 */
export const TWO_FACTOR_ROLES: readonly StaffRole[] = ['township_handler', 'county_supervisor', 'admin'];

/** The shortest password the policy accepts. */
export const PASSWORD_MIN_LENGTH = 12;

export const StaffAccountSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: StaffRoleSchema,
  /** The region the account belongs to; it sees that region and every region under it. */
  regionCode: z.string(),
  regionName: z.string(),
  disabled: z.boolean(),
  /** A temporary password (new account, or reset by an admin): the session may only change it. */
  mustChangePassword: z.boolean(),
  twoFactorEnabled: z.boolean(),
  /** Required and not yet enabled: the session may only enrol. */
  twoFactorRequired: z.boolean(),
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

/** The password was right and the account has two-factor sign-in: send a code with this challenge. */
export const TwoFactorChallengeSchema = z.object({
  twoFactorChallenge: z.string(),
  expiresAt: z.string(),
});
export type TwoFactorChallenge = z.infer<typeof TwoFactorChallengeSchema>;

/** What a sign-in with username and password answers: a session, or the second step. */
export const LoginResultSchema = z.union([StaffSessionSchema, TwoFactorChallengeSchema]);
export type LoginResult = z.infer<typeof LoginResultSchema>;

/** A 6-digit code from the authenticator app, or one of the recovery codes (`abcd-efgh-jk`). */
export const TwoFactorCodeSchema = z
  .string({ error: '请输入验证码' })
  .trim()
  .toLowerCase()
  .regex(/^(\d{6}|[a-z0-9]{4}-?[a-z0-9]{4}-?[a-z0-9]{2})$/, { error: '请输入手机上显示的6位数字，或一个恢复码' });

export const TwoFactorLoginSchema = z.object({
  challenge: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { error: '登录已超时，请重新输入用户名和密码' }),
  code: TwoFactorCodeSchema,
});

export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ error: '请输入当前密码' }).min(1, { error: '请输入当前密码' }).max(200),
  newPassword: z
    .string({ error: '请输入新密码' })
    .min(PASSWORD_MIN_LENGTH, { error: `新密码至少${PASSWORD_MIN_LENGTH}个字符` })
    .max(200, { error: '新密码不能超过200个字符' }),
});
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;

/** The secret to add to an authenticator app: as a QR code (an SVG data URL) or typed in. */
export const TwoFactorSetupSchema = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrCode: z.string(),
});
export type TwoFactorSetup = z.infer<typeof TwoFactorSetupSchema>;

export const TwoFactorConfirmSchema = z.object({
  code: z
    .string({ error: '请输入验证码' })
    .trim()
    .regex(/^\d{6}$/, { error: '请输入手机上显示的6位数字' }),
});

/** Shown once: each recovery code signs in once in place of a code from the phone. */
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()), account: StaffAccountSchema });
export type RecoveryCodes = z.infer<typeof RecoveryCodesSchema>;

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
  /** A province admin (2 digits) keeps the national holiday calendar; county and township admins their accounts. */
  admin: [2, 6, 9],
};

const RegionCodeSchema = z.string().regex(/^(\d{2}|\d{6}|\d{9}|\d{12})$/, { error: '区划代码应为2、6、9或12位数字' });
export const ROLE_REGION_MISMATCH =
  '区划与角色不符：乡镇纪委干部用9位乡镇代码，县纪委用6位县代码，村级角色用12位村代码，管理员用省、县或乡镇代码';

export const AccountCreateSchema = z
  .object({
    username: UsernameSchema,
    displayName: z.string({ error: '请输入姓名' }).trim().min(2, { error: '姓名至少两个字' }).max(20),
    role: StaffRoleSchema,
    regionCode: RegionCodeSchema,
  })
  .refine((a) => ROLE_REGION_DIGITS[a.role].includes(a.regionCode.length), { path: ['regionCode'], error: ROLE_REGION_MISMATCH });
export type AccountCreate = z.infer<typeof AccountCreateSchema>;

/** The role and region are checked together on the server, against the account's current ones. */
export const AccountUpdateSchema = z
  .object({
    displayName: z.string().trim().min(2, { error: '姓名至少两个字' }).max(20).optional(),
    disabled: z.boolean().optional(),
    role: StaffRoleSchema.optional(),
    regionCode: RegionCodeSchema.optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { error: '请至少修改一项' });
export type AccountUpdate = z.infer<typeof AccountUpdateSchema>;

/** Shown once to the admin, who hands it over; the holder must change it at first sign-in. */
export const TemporaryPasswordSchema = z.object({ account: StaffAccountSchema, temporaryPassword: z.string() });

/** What the audit log records, with the words an admin reads. */
export const AUDIT_ACTIONS = {
  reveal_reporter: '查看反映人身份',
  reveal_refused: '查看反映人身份被拒绝',
  view_attachment: '查看反映人上传的照片或文件',
  view_thumbnails: '查看反映人上传照片的缩略图（每人每案每天记一次）',
  account_created: '创建账号',
  account_disabled: '停用账号',
  account_enabled: '启用账号',
  account_updated: '修改账号',
  password_reset: '重置密码',
  password_changed: '修改本人密码',
  two_factor_enabled: '开启两步验证',
  calendar_changed: '修改节假日安排',
  deadline_rules_changed: '修改本县办理期限',
  deadline_rules_reset: '恢复法定办理期限',
  mark_duplicate: '标记为重复反映',
  mark_invalid: '标记为无效反映',
  supervise: '督办',
  urge: '催办',
  answer_supervision: '回复督办',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The labels of the fields whose changes an entry lists. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  displayName: '姓名',
  role: '角色',
  regionCode: '所属区划',
  disabled: '状态',
  year: '年份',
  holidays: '放假日期',
  workdays: '调休上班日期',
  countyCode: '县',
  deadlines: '期限',
  reason: '原因',
};

export const AuditEntrySchema = z.object({
  at: z.string(),
  /** The display name of the account that acted. */
  actor: z.string(),
  action: z.string(),
  /** The action in words. */
  actionLabel: z.string(),
  /** The display name of the account acted on, if any. */
  target: z.string().nullable(),
  reportNo: z.string().nullable(),
  /** A reveal by an account created or given a new password within the last 24 hours. */
  flagged: z.boolean(),
  /** What changed, each with its field label. */
  changes: z.array(z.object({ label: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
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
