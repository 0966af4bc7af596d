import type { RedFlagKind } from '@mashang/shared';

/** One published recipient list, as the comparison sees it: who is on each line, and what it pays. */
export interface ListUnderCheck {
  disclosureId: number;
  versionNo: number;
  /** Per line, the keyed hash of the recipient's ID number (null where the line has none). */
  people: Array<string | null>;
  /** Per line, the amount in fen (null where the list has no amount column or the cell is empty). */
  amounts: Array<number | null>;
}

export interface OtherListLine {
  disclosureId: number;
  villageName: string;
  title: string;
  rowIndex: number;
  idHash: string;
}

export interface KnownPerson {
  idHash: string;
  /** 「东山村 村委会主任」 or 「2025-03-02」: what the evidence quotes. */
  detail: string;
}

export interface ComparisonData {
  otherLists: OtherListLine[];
  roster: KnownPerson[];
  deceased: KnownPerson[];
  standard: { minFen: number; maxFen: number } | null;
}

export interface Finding {
  /** Unique per finding, so comparing a list again raises nothing twice. */
  key: string;
  kind: RedFlagKind;
  rowIndex: number;
  evidence: string;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Everything about one list that the township should look at. Pure: the service gathers the data. */
export function compareList(list: ListUnderCheck, data: ComparisonData): Finding[] {
  const findings: Finding[] = [];
  const at = (kind: RedFlagKind, rowIndex: number, evidence: string, detail = '') =>
    findings.push({
      key: `${kind}:${list.disclosureId}:${list.versionNo}:${rowIndex}${detail ? `:${detail}` : ''}`,
      kind,
      rowIndex,
      evidence,
    });

  const firstLine = new Map<string, number>();
  list.people.forEach((person, row) => {
    if (!person) return;
    const first = firstLine.get(person);
    if (first === undefined) firstLine.set(person, row);
    else at('duplicate_in_list', row, `同一身份证号在本名单第${first + 1}行已经出现`);
  });

  list.people.forEach((person, row) => {
    if (!person) return;
    for (const other of data.otherLists.filter((o) => o.idHash === person)) {
      at(
        'duplicate_across_villages',
        row,
        `同一人也在${other.villageName}《${other.title}》第${other.rowIndex + 1}行领取`,
        `${other.disclosureId}-${other.rowIndex}`,
      );
    }
    for (const cadre of data.roster.filter((r) => r.idHash === person)) at('cadre_roster', row, `领取人在村干部名单上：${cadre.detail}`);
    for (const dead of data.deceased.filter((d) => d.idHash === person))
      at('deceased', row, `领取人在去世人员名单上，去世日期 ${dead.detail}`);
  });

  const standard = data.standard;
  if (standard) {
    list.amounts.forEach((fen, row) => {
      if (fen === null || (fen >= standard.minFen && fen <= standard.maxFen)) return;
      at('amount_outside_standard', row, `金额 ${yuan(fen)} 元，县定标准为 ${yuan(standard.minFen)}–${yuan(standard.maxFen)} 元`);
    });
  }
  return findings;
}
