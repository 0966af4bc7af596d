import { API_PREFIX, contract } from '@mashang/shared';

export interface VillageOption {
  code: string;
  name: string;
  townshipName: string;
}

export interface TownshipOption {
  code: string;
  name: string;
  villages: VillageOption[];
}

/** The townships of the jurisdiction, each with its villages, in the order the server lists the villages. */
export function townshipsOf(villages: VillageOption[]): TownshipOption[] {
  const byCode = new Map<string, TownshipOption>();
  for (const v of villages) {
    const code = v.code.slice(0, 9);
    const township = byCode.get(code) ?? { code, name: v.townshipName, villages: [] };
    township.villages.push(v);
    byCode.set(code, township);
  }
  return [...byCode.values()];
}

/** What to print: a whole township, or one village of it. */
export type PosterChoice = { township: string } | { village: string };

/** The posters' path for a choice, as a PDF or as the print page (codes are digits: nothing to encode). */
export function posterPath(format: 'pdf' | 'html', choice: PosterChoice): string {
  const route = format === 'pdf' ? contract.poster.pdf : contract.poster.html;
  const query = 'village' in choice ? `village=${choice.village}` : `township=${choice.township}`;
  return `${API_PREFIX}${route.path}?${query}`;
}
