import { writeFile } from 'node:fs/promises';

interface Compiler {
  hooks: { done: { tapPromise(name: string, run: (stats: Stats) => Promise<void>): void } };
}
interface Stats {
  toJson(options: object): unknown;
}

/**
 * `H5_STATS=<file> npm run build:h5 -w miniapp` writes webpack's stats of the H5 build: every chunk with the
 * modules in it (inside concatenated ones too) and their sizes before minifying. It answers "what does the village
 * page load, and why" when the first-screen test's byte count grows (source-map-explorer is not installed).
 */
export class StatsFilePlugin {
  constructor(private readonly file: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tapPromise('StatsFilePlugin', async (stats) => {
      const json = stats.toJson({
        all: false,
        assets: true,
        chunks: true,
        chunkModules: true,
        chunkRelations: true,
        ids: true,
        modules: true,
        nestedModules: true,
        dependentModules: true,
        runtimeModules: true,
        groupModulesByType: false,
        groupModulesByCacheStatus: false,
        groupModulesByLayer: false,
        groupModulesByAttributes: false,
        groupModulesByPath: false,
        groupModulesByExtension: false,
        modulesSpace: Infinity,
        chunkModulesSpace: Infinity,
        nestedModulesSpace: Infinity,
      });
      await writeFile(this.file, JSON.stringify(json));
    });
  }
}
