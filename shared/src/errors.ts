import { z } from 'zod';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_VERSION } from './schemas/attachment.js';

/**
 * Every error the API can answer with. Clients branch on `code`, never on `message`.
 * The messages are what a villager reads, so they are plain Chinese without jargon.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '填写的内容有误，请按提示修改后再提交',
  MALFORMED_REQUEST: '请求格式不正确，请刷新页面后重试',
  PAYLOAD_TOO_LARGE: '提交的内容太长了，请精简后再提交',
  NOT_FOUND: '没有找到您要的页面',
  VILLAGE_NOT_FOUND: '没有找到这个村，请确认二维码是否完整',
  POWER_ITEM_NOT_FOUND: '没有找到这项权力事项，可能已被调整',
  DISCLOSURE_NOT_FOUND: '没有找到这条公开内容，可能已被撤下',
  POWER_TEMPLATE_NOT_FOUND: '没有找到这个权力事项模板',
  TEMPLATE_ALREADY_ADOPTED: '本村已经采用了这个模板，可以在清单里直接修改',
  EDIT_CONFLICT: '这项内容刚被别人修改过，请刷新后在最新内容上修改',
  PERSONAL_NUMBER_UNMASKED: '公开内容里有完整的身份证号或手机号，请按提示删去或遮挡后再保存',
  SPREADSHEET_INVALID: '表格文件有误，请按提示修改后重新导入',
  RED_FLAG_NOT_FOUND: '没有找到这条比对提示',
  ATTACHMENT_NOT_FOUND: '没有找到这个附件，可能已被删除',
  ATTACHMENT_TOO_LARGE: `文件太大了：每个文件不能超过${MAX_ATTACHMENT_BYTES / 1024 / 1024}MB，请压缩后再添加`,
  ATTACHMENT_LIMIT_REACHED: `附件最多${MAX_ATTACHMENTS_PER_VERSION}个，已经满了；请先删去不需要的再添加`,
  ATTACHMENT_TYPE_UNSUPPORTED: '只能添加照片（JPG、PNG、WebP）或 PDF 文件，这个文件的内容不是这几种',
  ATTACHMENT_UNREADABLE: '文件已损坏或不完整，打不开，请重新选择',
  QUERY_CODE_NOT_FOUND: '没有查到这个查询码，请核对后重新输入',
  IDEMPOTENCY_KEY_REUSED: '这次提交与之前的提交不一致，请重新打开表单填写',
  RATE_LIMITED: '操作太频繁了，请稍等一分钟再试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行这项操作',
  LOGIN_FAILED: '用户名或密码不正确',
  ACCOUNT_LOCKED: '登录失败次数过多，账号已暂时锁定，请15分钟后再试',
  ACCOUNT_NOT_FOUND: '没有找到这个账号',
  USERNAME_TAKEN: '这个用户名已经有人使用',
  CASE_NOT_FOUND: '没有找到这件反映',
  ACTION_NOT_ALLOWED: '当前状态下不能进行这项操作',
  EXTENSION_NOT_ALLOWED: '这件事项不能再延期：延期只能申请一次，且不超过规定天数',
  REVIEW_PERIOD_ENDED: '已超过申请复查的期限',
  ASSIGNEE_INVALID: '承办人不在本辖区，或不是乡镇纪委干部',
  NETWORK_ERROR: '网络不太好，请检查网络后重试',
  INTERNAL: '系统暂时出了点问题，请稍后再试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

export const ErrorCodeSchema = z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]);

/** A field that failed validation, named by its path in the request (`body.reporter.phone`). */
export const FieldErrorSchema = z.object({
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** The single error shape of the API. `details` carries field errors for VALIDATION_FAILED. */
export const ApiErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.array(FieldErrorSchema).optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorSchema>;

/** The HTTP status each code travels with: mapped once, here. */
export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  NOT_FOUND: 404,
  VILLAGE_NOT_FOUND: 404,
  POWER_ITEM_NOT_FOUND: 404,
  DISCLOSURE_NOT_FOUND: 404,
  POWER_TEMPLATE_NOT_FOUND: 404,
  TEMPLATE_ALREADY_ADOPTED: 409,
  EDIT_CONFLICT: 409,
  PERSONAL_NUMBER_UNMASKED: 422,
  SPREADSHEET_INVALID: 422,
  RED_FLAG_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  ATTACHMENT_TOO_LARGE: 413,
  ATTACHMENT_LIMIT_REACHED: 409,
  ATTACHMENT_TYPE_UNSUPPORTED: 422,
  ATTACHMENT_UNREADABLE: 422,
  QUERY_CODE_NOT_FOUND: 404,
  IDEMPOTENCY_KEY_REUSED: 409,
  RATE_LIMITED: 429,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  LOGIN_FAILED: 401,
  ACCOUNT_LOCKED: 429,
  ACCOUNT_NOT_FOUND: 404,
  USERNAME_TAKEN: 409,
  CASE_NOT_FOUND: 404,
  ACTION_NOT_ALLOWED: 409,
  EXTENSION_NOT_ALLOWED: 409,
  REVIEW_PERIOD_ENDED: 409,
  ASSIGNEE_INVALID: 400,
  NETWORK_ERROR: 503,
  INTERNAL: 500,
};

export function errorMessage(code: ErrorCode): string {
  return ERROR_MESSAGES[code];
}
