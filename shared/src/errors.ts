import { z } from 'zod';
import { ERROR_MESSAGES, type ErrorCode } from './labels.js';
import { ProofOfWorkChallengeSchema } from './proof-of-work.js';

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
  /** With PROOF_OF_WORK_REQUIRED and PROOF_OF_WORK_INVALID: the challenge to solve before sending again. */
  proofOfWork: ProofOfWorkChallengeSchema.optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorSchema>;

/** The HTTP status each code travels with: mapped once, here. */
export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  URI_TOO_LONG: 414,
  HEADERS_TOO_LARGE: 431,
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
  REPORT_NOT_FOUND: 404,
  REPORTER_SESSION_EXPIRED: 401,
  IDEMPOTENCY_KEY_REUSED: 409,
  RATE_LIMITED: 429,
  PROOF_OF_WORK_REQUIRED: 428,
  PROOF_OF_WORK_INVALID: 428,
  IDEMPOTENCY_KEY_EXPIRED: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  LOGIN_FAILED: 401,
  LOGIN_THROTTLED: 429,
  PASSWORD_INCORRECT: 400,
  PASSWORD_TOO_WEAK: 422,
  PASSWORD_CHANGE_REQUIRED: 403,
  TWO_FACTOR_SETUP_REQUIRED: 403,
  TWO_FACTOR_CODE_INVALID: 401,
  TWO_FACTOR_CHALLENGE_EXPIRED: 401,
  TWO_FACTOR_ALREADY_ENABLED: 409,
  TWO_FACTOR_SETUP_NOT_STARTED: 409,
  DEADLINE_LONGER_THAN_STATUTORY: 422,
  REPORTER_RIGHTS_REDUCED: 422,
  ACCOUNT_NOT_FOUND: 404,
  ACCOUNT_NOT_MANAGEABLE: 403,
  USERNAME_TAKEN: 409,
  CASE_NOT_FOUND: 404,
  ACTION_NOT_ALLOWED: 409,
  EXTENSION_NOT_ALLOWED: 409,
  EXTENSION_ALREADY_USED: 409,
  EXTENSION_TOO_LONG: 422,
  EXTENSION_NOT_PROVIDED: 409,
  EXTENSION_PENDING: 409,
  OWN_REQUEST: 409,
  SUPERVISION_PENDING: 409,
  TOWNSHIP_INVALID: 422,
  DUPLICATE_OF_INVALID: 422,
  DUPLICATE_OF_SET_ASIDE: 422,
  MARK_ALREADY_HANDLED: 409,
  MARK_OVERDUE: 409,
  RATING_NOT_YOURS: 403,
  REVIEW_PERIOD_ENDED: 409,
  RATING_PERIOD_ENDED: 409,
  ASSIGNEE_INVALID: 400,
  NETWORK_ERROR: 503,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function errorMessage(code: ErrorCode): string {
  return ERROR_MESSAGES[code];
}
