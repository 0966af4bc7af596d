import {
  type DisclosureDraft,
  type DisclosureTable,
  type FieldError,
  findPersonalNumbers,
  isValidIdNumber,
  maskIdNumber,
  maskMobile,
  maskPersonalNumbers,
} from '@mashang/shared';

/** Columns whose full numbers the self-look-up and red flags need: masked in public, kept encrypted. */
const IDENTITY_COLUMN = /身份证|证件号/;
/** Columns of phone numbers: masked in public, the full number not kept. */
const PHONE_COLUMN = /电话|手机|联系方式/;

const KIND_NAMES = { id_number: '身份证号', mobile: '手机号' } as const;

export interface ScreenedDraft {
  /** The table as it will be published. */
  table: DisclosureTable | null;
  /** Per row, the full ID number of each identity column (null where the cell had none). */
  identities: Array<Array<string | null>> | null;
  /** Places where a full number would be published; the draft is refused while there are any. */
  problems: FieldError[];
}

/** The column naming the person on each line: the first whose header says 姓名, or else the first. */
export function nameColumnOf(columns: readonly string[]): number {
  return Math.max(
    0,
    columns.findIndex((c) => c.includes('姓名')),
  );
}

/** `王大山|3418**********4538`: how a masked cell is matched to the full number kept for it. */
const knownKey = (name: string | undefined, masked: string) => `${(name ?? '').trim()}|${masked}`;

/**
 * The full ID numbers an earlier version of a draft kept, by name and masked number. Staff pages only
 * ever see masked numbers, so a draft saved again (a correction, a draft sent back) carries masks;
 * each is matched back to its full number here. A key that could mean two numbers is left out.
 */
export function knownIdentities(table: DisclosureTable | null, identities: Array<Array<string | null>> | null): Map<string, string> {
  const known = new Map<string, string>();
  const ambiguous = new Set<string>();
  const nameColumn = nameColumnOf(table?.columns ?? []);
  table?.rows.forEach((row, r) => {
    for (const id of identities?.[r] ?? []) {
      if (!id) continue;
      const key = knownKey(row[nameColumn], maskIdNumber(id));
      if (known.has(key) && known.get(key) !== id) ambiguous.add(key);
      known.set(key, id);
    }
  });
  for (const key of ambiguous) known.delete(key);
  return known;
}

function problemsIn(text: string, field: string, where: string): FieldError[] {
  return findPersonalNumbers(text).map((found) => ({
    field,
    message: `${where}有完整的${KIND_NAMES[found.kind]}（${maskPersonalNumbers(found.value)}），请删去或改为遮挡后的形式`,
  }));
}

/**
 * Masks what must be masked before anything becomes public. Identity and phone columns are masked
 * here; a full number anywhere else is refused with the place named, since only the publisher knows
 * whether it belongs there at all.
 */
export function screenPersonalNumbers(
  draft: Pick<DisclosureDraft, 'title' | 'body' | 'table'>,
  known: Map<string, string> = new Map(),
): ScreenedDraft {
  const problems = [...problemsIn(draft.title, 'body.title', '标题中'), ...problemsIn(draft.body, 'body.body', '正文中')];
  if (!draft.table) return { table: null, identities: null, problems };
  const { columns } = draft.table;
  const identityColumns = columns.map((c) => IDENTITY_COLUMN.test(c));
  const phoneColumns = columns.map((c) => PHONE_COLUMN.test(c));
  const nameColumn = nameColumnOf(columns);
  const identities: Array<Array<string | null>> = [];
  const rows = draft.table.rows.map((row, r) => {
    const ids: Array<string | null> = [];
    const masked = row.map((cell, c) => {
      const value = cell.trim();
      const where = `第${r + 1}行「${columns[c]}」列`;
      if (identityColumns[c]) {
        if (isValidIdNumber(value)) {
          ids.push(value.toUpperCase());
          return maskIdNumber(value.toUpperCase());
        }
        ids.push(known.get(knownKey(row[nameColumn], value.toUpperCase())) ?? null);
        if (/^\d{17}[\dXx]$/.test(value)) {
          problems.push({ field: `body.table.rows.${r}.${c}`, message: `${where}的身份证号校验位不对，请核对` });
          return value;
        }
        // Anything else in the column (a number with a note, two numbers, an old 15-digit one) is refused where it stands.
        if (/(?<!\d)\d{15}(?!\d)/.test(value)) {
          problems.push({ field: `body.table.rows.${r}.${c}`, message: `${where}是15位的旧身份证号，请改为18位或遮挡后的形式` });
        } else {
          problems.push(...problemsIn(value, `body.table.rows.${r}.${c}`, where));
        }
        return value;
      }
      if (phoneColumns[c] && /^1[3-9]\d{9}$/.test(value)) return maskMobile(value);
      problems.push(...problemsIn(value, `body.table.rows.${r}.${c}`, where));
      return value;
    });
    identities.push(ids);
    return masked;
  });
  const anyIdentity = identities.some((ids) => ids.some((id) => id !== null));
  return { table: { columns, rows }, identities: anyIdentity ? identities : null, problems };
}
