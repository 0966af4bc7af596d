import { type ErrorCode, type FieldError, type ProofOfWorkChallenge, errorMessage } from '@mashang/shared';

/** What some errors carry besides their code: the challenge to solve before filing again. */
export interface DomainErrorExtras {
  proofOfWork?: ProofOfWorkChallenge;
}

/** Thrown by services; the exception filter turns it into `{ code, message, details?, proofOfWork? }`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: FieldError[],
    readonly extras: DomainErrorExtras = {},
  ) {
    super(errorMessage(code));
  }
}
