import { Injectable } from '@nestjs/common';
import { type DisclosureKind, type RouteSpec, contract } from '@mashang/shared';
import { Clock } from '../../common/clock.js';
import { villageScopes } from '../../common/content-versions/content-versions.js';
import type { ParsedInput } from '../../common/contract-route.js';
import { chinaDate } from '../calendar/china-date.js';
import { type CachedAnswer, PublicCache } from './public-cache.js';
import { VillageService } from './village.service.js';

const routes = contract.village;

/** A cached route with how to answer it from its parsed input. */
export interface CachedRoute {
  route: RouteSpec;
  answer: (input: ParsedInput<RouteSpec>) => Promise<CachedAnswer>;
}

function cachedRoute<R extends RouteSpec>(route: R, answer: (input: ParsedInput<R>) => Promise<CachedAnswer>): CachedRoute {
  return { route, answer };
}

/**
 * The public answers held in the cache (village page, disclosures, power items), each under a key
 * holding every input of the answer and the content scopes it depends on. Used by the controller
 * and by the fast path that serves them before Nest's pipeline (public-fast-path.ts).
 */
@Injectable()
export class PublicAnswers {
  constructor(
    private readonly villages: VillageService,
    private readonly cache: PublicCache,
    private readonly clock: Clock,
  ) {}

  /** The cached routes, each with how to answer it from its parsed input. */
  readonly routes: readonly CachedRoute[] = [
    cachedRoute(routes.page, ({ params }) => this.page(params.code)),
    cachedRoute(routes.disclosures, ({ params, query }) => this.disclosures(params.code, query.kind)),
    cachedRoute(routes.powerItem, ({ params }) => this.powerItem(params.id)),
    cachedRoute(routes.disclosure, ({ params }) => this.disclosure(params.id)),
    cachedRoute(routes.disclosureVersion, ({ params }) => this.disclosureVersion(params.id, params.versionNo)),
  ];

  page(code: string): Promise<CachedAnswer> {
    // The page shows a record up to yesterday and what is overdue today: the China date is part of the key.
    const today = chinaDate(this.clock.now());
    return this.cache.get(routes.page, `page ${code} ${today}`, villageScopes(code), () => this.villages.page(code, today));
  }

  disclosures(code: string, kind: DisclosureKind | undefined): Promise<CachedAnswer> {
    return this.cache.get(routes.disclosures, `disclosures ${code} ${kind ?? ''}`, villageScopes(code), () =>
      this.villages.disclosures(code, kind),
    );
  }

  async powerItem(id: number): Promise<CachedAnswer> {
    const village = await this.villages.villageOfPowerItem(id);
    return this.cache.get(routes.powerItem, `power-item ${id}`, villageScopes(village), () => this.villages.powerItem(id));
  }

  async disclosure(id: number): Promise<CachedAnswer> {
    const village = await this.villages.villageOfDisclosure(id);
    return this.cache.get(routes.disclosure, `disclosure ${id}`, villageScopes(village), () => this.villages.disclosure(id));
  }

  async disclosureVersion(id: number, versionNo: number): Promise<CachedAnswer> {
    const village = await this.villages.villageOfDisclosure(id);
    return this.cache.get(routes.disclosureVersion, `disclosure-version ${id} ${versionNo}`, villageScopes(village), () =>
      this.villages.disclosureVersion(id, versionNo),
    );
  }
}
