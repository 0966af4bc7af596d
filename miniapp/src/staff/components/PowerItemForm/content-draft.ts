import { type PowerCategory, type PowerItemContentInput, PowerItemContentSchema, type StoredPowerItemContent } from '@mashang/shared';
import { type ChartDraft, chartOf, draftOf, problemsOf } from '../ChartEditor/chart-draft';

/** A power item's content as its form holds it: what must be published as text, one item per line. */
export interface ContentDraft {
  category: string;
  title: string;
  basis: string;
  responsible: string;
  publicity: string;
  chart: ChartDraft;
}

export type ContentField = 'category' | 'title' | 'basis' | 'responsible' | 'publicity';

export function contentDraftOf(content: StoredPowerItemContent | null): ContentDraft {
  return {
    category: content?.category ?? '',
    title: content?.title ?? '',
    basis: content?.basis ?? '',
    responsible: content?.responsible ?? '',
    publicity: content?.publicity.join('\n') ?? '',
    chart: draftOf(content?.chart ?? null),
  };
}

export function contentOf(draft: ContentDraft): PowerItemContentInput {
  return {
    category: draft.category as PowerCategory,
    title: draft.title,
    basis: draft.basis,
    responsible: draft.responsible,
    publicity: draft.publicity
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean),
    chart: chartOf(draft.chart),
  };
}

const FIELD_NAMES: ContentField[] = ['category', 'title', 'basis', 'responsible', 'publicity'];

/** The fields' own problems by the shared schema (the chart's are shown on its rows). */
export function fieldProblemsOf(draft: ContentDraft): Partial<Record<ContentField, string>> {
  const parsed = PowerItemContentSchema.safeParse(contentOf(draft));
  const out: Partial<Record<ContentField, string>> = {};
  if (parsed.success) return out;
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as ContentField | 'chart';
    if (field === 'chart' || !FIELD_NAMES.includes(field)) continue;
    out[field] ??= field === 'category' ? '请选择类别' : issue.message;
  }
  return out;
}

/** How many things the clerk still has to fix before saving: the fields' and the chart's. */
export function openProblems(draft: ContentDraft): number {
  return Object.keys(fieldProblemsOf(draft)).length + problemsOf(draft.chart).count;
}
