import type { ReportReceipt } from '@mashang/shared';

/**
 * Hands the receipt from the report form to the receipt page in memory only: the query code is a
 * secret, so it never goes into a URL or into storage on a phone the family shares.
 */
let pending: ReportReceipt | null = null;

export function putReceipt(receipt: ReportReceipt): void {
  pending = receipt;
}

/** The receipt, once: the page keeps it in its own state, the store forgets it. */
export function takeReceipt(): ReportReceipt | null {
  const receipt = pending;
  pending = null;
  return receipt;
}
