import {
  DISCLOSURE_TABLE_COLUMNS,
  DisclosureDraftSchema,
  type DisclosureDraft,
  type DisclosureKind,
  type DisclosureType,
  type DisclosureVersion,
  type FieldError,
} from '@mashang/shared';
import { periodOf, periodParts, type PeriodForm, type PeriodParts } from '../../../utils/period';

/** What the editor holds, as typed. The table's columns are the type's template columns, or a loaded draft's own. */
export interface EditorState {
  kind: DisclosureKind | null;
  type: DisclosureType | null;
  title: string;
  period: PeriodParts;
  body: string;
  columns: string[];
  rows: string[][];
}

export type Field = 'kind' | 'type' | 'title' | 'period' | 'body' | 'table';

/** Problems sorted to where the editor shows them: by a field, at a cell (`row.column` of the editor's rows), or above the form. */
export interface Problems {
  fields: Partial<Record<Field, string>>;
  cells: Record<string, string>;
  form: string | null;
}

export const NO_PROBLEMS: Problems = { fields: {}, cells: {}, form: null };

export function emptyState(today: string): EditorState {
  return { kind: null, type: null, title: '', period: periodParts('', today), body: '', columns: [], rows: [] };
}

/** The editor's state for an open version of a disclosure of `kind` and `type`. */
export function stateOf(kind: DisclosureKind, type: DisclosureType, v: DisclosureVersion, today: string): EditorState {
  return {
    kind,
    type,
    title: v.title,
    period: periodParts(v.period, today),
    body: v.body,
    columns: v.table ? [...v.table.columns] : [...DISCLOSURE_TABLE_COLUMNS[type]],
    rows: v.table ? v.table.rows.map((r) => [...r]) : [],
  };
}

/** The usual period of each type: finance monthly, one-off matters by date, the rest quarterly. */
export function usualPeriodForm(type: DisclosureType): PeriodForm {
  if (type === 'income_expense') return 'month';
  if (type === 'resolution' || type === 'bidding') return 'date';
  return 'quarter';
}

export const isBlankRow = (row: string[]) => row.every((cell) => cell.trim() === '');

export function tableHasContent(state: Pick<EditorState, 'rows'>): boolean {
  return state.rows.some((row) => !isBlankRow(row));
}

/** The table under a new type's columns: what sits under a column of the same name is kept. */
export function retype(state: EditorState, type: DisclosureType): EditorState {
  const columns = [...DISCLOSURE_TABLE_COLUMNS[type]];
  const from = columns.map((c) => state.columns.indexOf(c));
  const rows = state.rows.map((row) => from.map((i) => (i >= 0 ? (row[i] ?? '') : ''))).filter((row) => !isBlankRow(row));
  return { ...state, type, columns, rows };
}

/**
 * The draft to send, and for each row sent the editor row it came from (blank rows are left out, so
 * a problem the server names at row n is shown at the right row).
 */
export function draftOf(state: EditorState): { draft: unknown; sentRows: number[] } {
  const sentRows: number[] = [];
  const rows: string[][] = [];
  state.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    sentRows.push(i);
    rows.push(row.map((cell) => cell.trim()));
  });
  return {
    draft: {
      kind: state.kind ?? undefined,
      type: state.type ?? undefined,
      title: state.title,
      period: periodOf(state.period),
      body: state.body,
      table: rows.length ? { columns: state.columns, rows } : null,
    },
    sentRows,
  };
}

const FIELDS: readonly Field[] = ['kind', 'type', 'title', 'period', 'body', 'table'];

/** Field problems by path (`title`, `table.rows.3.2`; a server's `body.` prefix removed) sorted to the editor. */
export function sortProblems(list: FieldError[], sentRows: number[], formMessage: string | null = null): Problems {
  const out: Problems = { fields: {}, cells: {}, form: formMessage };
  const add = (record: Record<string, string>, key: string, message: string) => {
    record[key] = record[key] ? `${record[key]}；${message}` : message;
  };
  for (const { field, message } of list) {
    const path = field.replace(/^body\./, '');
    const cell = /^table\.rows\.(\d+)\.(\d+)$/.exec(path);
    if (cell) {
      add(out.cells, `${sentRows[Number(cell[1])] ?? Number(cell[1])}.${cell[2]}`, message);
      continue;
    }
    const top = path.split('.')[0] as Field;
    if (FIELDS.includes(top)) add(out.fields, top, message);
    else out.form = out.form ? `${out.form}；${message}` : message;
  }
  return out;
}

/** Checks the draft with the shared schema before anything is sent; the messages are the server's own. */
export function checkDraft(
  state: EditorState,
): { ok: true; draft: DisclosureDraft; sentRows: number[] } | { ok: false; problems: Problems } {
  const { draft, sentRows } = draftOf(state);
  const result = DisclosureDraftSchema.safeParse(draft);
  if (result.success) return { ok: true, draft: result.data, sentRows };
  const list = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    if (field === 'kind') return { field, message: '请选择是党务、村务还是财务公开' };
    if (field === 'type') return { field, message: '请选择公开事项的类型' };
    return { field, message: issue.message };
  });
  return { ok: false, problems: sortProblems(list, sentRows) };
}
