import { isApiError } from '../services/http';

/** A failed request in words: every field message of a VALIDATION_FAILED, or the error's own message. */
export function problemText(error: unknown, fallback = '操作没有成功，请再试一次'): string {
  if (!isApiError(error)) return fallback;
  if (error.code === 'VALIDATION_FAILED' && error.details.length) return error.details.map((d) => d.message).join('；');
  return error.message;
}

/**
 * VALIDATION_FAILED details sorted to the form's fields: `fieldOf` names the field a detail's path
 * (`body.holidays.2`) belongs to, or null for the form as a whole (key '').
 */
export function fieldProblems(error: unknown, fieldOf: (path: string) => string | null): Record<string, string> {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED' || !error.details.length) return { '': problemText(error) };
  const out: Record<string, string> = {};
  for (const d of error.details) {
    const key = fieldOf(d.field) ?? '';
    out[key] = out[key] ? `${out[key]}；${d.message}` : d.message;
  }
  return out;
}
