import { type ErrorCode, type FieldError, errorMessage } from '@mashang/shared';

/** Thrown by services; the exception filter turns it into `{ code, message, details? }`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: FieldError[],
  ) {
    super(errorMessage(code));
  }
}
