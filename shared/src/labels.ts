/**
 * The words and route paths a villager's page needs, without zod: the H5 village page loads this
 * on its first visit, and only a page that validates a form loads the schemas (which import from here,
 * so each label is written once).
 */
export { API_PREFIX, buildPath, type HttpMethod } from './contract/route.js';
export * from './routes.js';
export * from './poster-link.js';
export * from './phone-text.js';

/** The largest file accepted, before base64: a phone photo is 2–6 MB. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** How many files one version of a disclosure may carry. */
export const MAX_ATTACHMENTS_PER_VERSION = 20;
/** How many photos or files a villager may attach to one report. */
export const MAX_REPORT_ATTACHMENTS = 6;

/** What is stored and served: WebP photos become JPEG (or PNG when transparent), which every phone shows. */
export const ATTACHMENT_TYPES = {
  'image/jpeg': '照片',
  'image/png': '图片',
  'application/pdf': 'PDF 文件',
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

export const isImageAttachment = (type: AttachmentType): boolean => type.startsWith('image/');

/**
 * Every error the API can answer with. Clients branch on `code`, never on `message`.
 * The messages are what a villager reads, so they are plain Chinese without jargon.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '填写的内容有误，请按提示修改后再提交',
  MALFORMED_REQUEST: '请求格式不正确，请刷新页面后重试',
  PAYLOAD_TOO_LARGE: '提交的内容太长了，请精简后再提交',
  UNSUPPORTED_MEDIA_TYPE: '提交的格式不对，请在本页面的表单里填写后提交',
  URI_TOO_LONG: '网址太长了，请检查链接是否完整',
  HEADERS_TOO_LARGE: '请求的附加信息太多了，请清除浏览器缓存后重试',
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
  UPLOAD_NOT_FOUND: '有照片已过期或已经用过了，请删去那张照片重新添加，再提交',
  QUERY_CODE_NOT_FOUND: '没有查到这个查询码，请核对后重新输入',
  REPORT_NOT_FOUND: '没有找到这件反映',
  REPORTER_SESSION_EXPIRED: '登录已过期，请重新登录后查看您的反映',
  IDEMPOTENCY_KEY_REUSED: '这次提交与之前的提交不一致，请重新打开表单填写',
  RATE_LIMITED: '操作太频繁了，请稍等一分钟再试',
  PROOF_OF_WORK_REQUIRED: '提交的人比较多，手机需要验算几秒钟，请稍候',
  PROOF_OF_WORK_INVALID: '验算没有通过或已过期，请再提交一次',
  IDEMPOTENCY_KEY_EXPIRED: '这份反映早已提交过了；如需查看进度，请用查询码查询',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行这项操作',
  LOGIN_FAILED: '用户名或密码不正确',
  LOGIN_THROTTLED: '登录失败次数过多，请15分钟后再试',
  PASSWORD_INCORRECT: '当前密码不正确',
  PASSWORD_TOO_WEAK: '新密码太容易被猜到，请按提示换一个',
  PASSWORD_CHANGE_REQUIRED: '请先修改管理员给您的临时密码',
  TWO_FACTOR_SETUP_REQUIRED: '您的账号需要先开启手机动态验证码（两步验证）',
  TWO_FACTOR_CODE_INVALID: '验证码不正确或已过期，请输入手机上现在显示的6位数字',
  TWO_FACTOR_CHALLENGE_EXPIRED: '登录已超时，请重新输入用户名和密码',
  TWO_FACTOR_ALREADY_ENABLED: '您已经开启了两步验证',
  TWO_FACTOR_SETUP_NOT_STARTED: '请先点“开始设置”，用验证器扫描二维码',
  DEADLINE_LONGER_THAN_STATUTORY: '期限只能比法定期限短，不能比法定期限长',
  REPORTER_RIGHTS_REDUCED: '反映人的权利不能削减：申请复查、评价的期限只能延长，不能缩短；申请复查、复核的途径不能取消',
  ACCOUNT_NOT_FOUND: '没有找到这个账号',
  ACCOUNT_NOT_MANAGEABLE: '管理员账号只能由上一级管理员修改；您自己的密码请在“修改密码”中修改',
  USERNAME_TAKEN: '这个用户名已经有人使用',
  CASE_NOT_FOUND: '没有找到这件反映',
  ACTION_NOT_ALLOWED: '当前状态下不能进行这项操作',
  EXTENSION_NOT_ALLOWED: '这件事项不能再延期：延期只能申请一次，且不超过规定天数',
  EXTENSION_ALREADY_USED: '这件事项已经延期过一次，依规不能再延期',
  EXTENSION_TOO_LONG: '申请延期的天数超过了规定的最多天数',
  EXTENSION_NOT_PROVIDED: '这类事项依规没有延期，请在原期限内办理',
  EXTENSION_PENDING: '已有一份延期申请在等待审批，请等审批后再申请',
  OWN_REQUEST: '不能审批自己提出的申请，请由另一位县纪委工作人员审批',
  SUPERVISION_PENDING: '本件已有一份督办尚未回复，请等乡镇回复后再督办，或先催办',
  TOWNSHIP_INVALID: '接收的乡镇不在本县，或就是承办本件的乡镇',
  DUPLICATE_OF_INVALID: '所选的“此前的反映”不在本辖区，或比要标记的反映更晚，或就是它本身',
  DUPLICATE_OF_SET_ASIDE: '所选的“此前的反映”本身已被标记为重复、无效或不予受理，请选择仍在办理的那一件',
  MARK_ALREADY_HANDLED: '这件反映已经受理或处理过，不能再标记为重复或无效',
  MARK_OVERDUE: '这件反映已经逾期或已提级督办，不能标记为重复或无效，请依规办理',
  RATING_NOT_YOURS: '承办本件的乡镇不能代反映人评价，回访评价请由县纪委工作人员录入',
  REVIEW_PERIOD_ENDED: '已超过申请复查的期限',
  RATING_PERIOD_ENDED: '已超过评价的期限，不能再评价',
  ASSIGNEE_INVALID: '承办人不在本辖区，或不是乡镇纪委干部',
  WECHAT_UNAVAILABLE: '微信服务暂不可用，请使用查询码查询',
  WECHAT_CODE_INVALID: '微信授权已过期，请再点一次重试',
  WECHAT_TOO_FREQUENT: '操作太频繁了，请过一分钟再试',
  WECHAT_USER_BLOCKED: '微信暂时不让这个账号使用此功能，请使用查询码查询',
  WECHAT_BUSY: '微信那边正忙，请稍等一会儿再试',
  PHONE_CODE_INVALID: '验证码不对或已失效，请重新获取验证码',
  SMS_UNAVAILABLE: '短信暂时发不出去，请稍后再试，或用查询码查询',
  NETWORK_ERROR: '网络不太好，请检查网络后重试',
  SERVICE_UNAVAILABLE: '系统繁忙，请稍后再试',
  INTERNAL: '系统暂时出了点问题，请稍后再试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** 三务公开 */
export const DISCLOSURE_KINDS = {
  party: '党务公开',
  village: '村务公开',
  finance: '财务公开',
} as const;
export type DisclosureKind = keyof typeof DISCLOSURE_KINDS;

/** 小微权力清单 categories, in the order a village page lists them. */
export const POWER_CATEGORIES = {
  major_decision: '重大事项决策',
  collective_assets: '集体资产资源处置',
  construction: '工程项目建设',
  finance: '财务管理',
  subsidy: '惠农惠民补贴',
  village_affairs: '村务管理',
  party_affairs: '党务管理',
  public_service: '便民服务',
} as const;
export type PowerCategory = keyof typeof POWER_CATEGORIES;

/** The five levels of the national 好差评 practice, best first. */
/**
 * The two tracks (检举控告, 问题反映) as villagers read them, on the form, the receipt and the status
 * page alike: noun phrases that follow 「反映的是：」 and 「已归为」. The terms themselves are for staff.
 */
export const REPORT_TRACKS_PLAIN = {
  accusation: '干部违纪违法问题',
  petition: '需要村里或镇里解决的问题',
} as const;

export const RATINGS = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
  very_unsatisfied: '非常不满意',
} as const;
export type Rating = keyof typeof RATINGS;

/** Ratings that count as satisfied (the 满意率's numerator); the other two are 差评 and open the way to contest. */
export const SATISFIED_RATINGS: readonly Rating[] = ['very_satisfied', 'satisfied', 'basically_satisfied'];
export function isSatisfiedRating(rating: Rating): boolean {
  return SATISFIED_RATINGS.includes(rating);
}

/** Reasons a reporter ticks when not satisfied, stored with the rating. */
export const RATING_REASONS = {
  not_solved: '没有解决问题',
  reply_unclear: '答复看不懂',
  too_slow: '办理太慢',
  poor_attitude: '态度不好',
  other: '其他',
} as const;
export type RatingReason = keyof typeof RATING_REASONS;
