import { describe, expect, it } from '@jest/globals';
import { contract } from './contract/index.js';
import { villagerRoutes } from './labels.js';

type DeclaredRoutes = Record<string, Record<string, { method: string; path: string; auth?: unknown }>>;

describe('villagerRoutes (the villager pages’ routes without zod)', () => {
  it('calls each route at the contract’s method and path, and none needs a staff session', () => {
    const declared = contract as unknown as DeclaredRoutes;
    for (const [group, routes] of Object.entries(villagerRoutes as Record<string, Record<string, { method: string; path: string }>>)) {
      for (const [name, route] of Object.entries(routes)) {
        const spec = declared[group]?.[name];
        expect({ route: `${group}.${name}`, method: route.method, path: route.path, auth: spec?.auth }).toEqual({
          route: `${group}.${name}`,
          method: spec?.method,
          path: spec?.path,
          auth: undefined,
        });
      }
    }
  });
});
