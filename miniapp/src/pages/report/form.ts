import {
  ReportCreateSchema,
  type FieldError,
  type ReportCategory,
  type ReportCreate,
  type ReportMode,
  type ReportSubject,
  type ReportTrack,
} from '@mashang/shared';

/** What the villager typed, as typed. */
export interface ReportDraft {
  track: ReportTrack | null;
  mode: ReportMode | null;
  category: ReportCategory | null;
  content: string;
  happenedAt: string;
  concerned: string;
  name: string;
  phone: string;
}

export const EMPTY_DRAFT: ReportDraft = {
  track: null,
  mode: null,
  category: null,
  content: '',
  happenedAt: '',
  concerned: '',
  name: '',
  phone: '',
};

/** The fields a message can be shown next to; anything else is shown above the submit button. */
export type FieldKey = 'track' | 'mode' | 'category' | 'content' | 'happenedAt' | 'concerned' | 'name' | 'phone' | 'form';
export type FieldErrors = Partial<Record<FieldKey, string>>;

/** The request body; empty optional fields are left out, identity only for real name. */
export function toRequest(draft: ReportDraft, villageCode: string, idempotencyKey: string, subject?: ReportSubject): unknown {
  const optional = (v: string) => (v.trim() ? v.trim() : undefined);
  return {
    idempotencyKey,
    villageCode,
    mode: draft.mode ?? undefined,
    track: draft.track ?? undefined,
    category: draft.category ?? undefined,
    content: draft.content,
    concerned: optional(draft.concerned),
    happenedAt: optional(draft.happenedAt),
    reporter: draft.mode === 'real_name' ? { name: draft.name, phone: draft.phone } : undefined,
    subject: subject && Object.keys(subject).length ? subject : undefined,
  };
}

/** `body.reporter.phone` or `reporter.phone` → the form field it belongs to. */
export function fieldOf(path: string): FieldKey {
  const p = path.replace(/^body\./, '');
  if (p === 'reporter.name') return 'name';
  if (p === 'reporter.phone' || p === 'reporter') return p === 'reporter' ? 'name' : 'phone';
  if (['track', 'mode', 'category', 'content', 'happenedAt', 'concerned'].includes(p)) return p as FieldKey;
  return 'form';
}

/** Field errors keyed by form field; the first message per field wins. */
export function fieldErrors(errors: FieldError[]): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    const key = fieldOf(e.field);
    if (!out[key]) out[key] = e.message;
  }
  return out;
}

/** Checks the body with the shared schema, exactly as the server will. */
export function validate(body: unknown): { ok: true; value: ReportCreate } | { ok: false; errors: FieldErrors } {
  const result = ReportCreateSchema.safeParse(body);
  // The schema defaults a missing track for older clients; this form always asks.
  const trackMissing = (body as { track?: unknown } | null)?.track === undefined;
  if (result.success && !trackMissing) return { ok: true, value: result.data };
  const errors = result.success
    ? {}
    : fieldErrors(result.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })));
  return { ok: false, errors: trackMissing ? { track: TRACK_MISSING, ...errors } : errors };
}

export const TRACK_MISSING = '请选择您要反映的是哪一类事情';

/** The subject a report was opened for, from the page's query. */
export function subjectFrom(params: Record<string, string | undefined>): ReportSubject | undefined {
  const int = (v?: string) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
  const subject: ReportSubject = {};
  const powerItemId = int(params.powerItemId);
  const disclosureId = int(params.disclosureId);
  const disclosureRow = int(params.disclosureRow);
  if (powerItemId) subject.powerItemId = powerItemId;
  if (params.powerStep) subject.powerStep = decodeURIComponent(params.powerStep).slice(0, 40);
  if (disclosureId) subject.disclosureId = disclosureId;
  const disclosureVersion = int(params.disclosureVersion);
  if (disclosureId && disclosureVersion) subject.disclosureVersion = disclosureVersion;
  if (disclosureId && disclosureRow !== undefined) subject.disclosureRow = disclosureRow;
  return Object.keys(subject).length ? subject : undefined;
}
