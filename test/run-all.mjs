// Runs every test suite of the project in order and ends with one summary line:
// shared unit tests, server unit and HTTP tests (SQLite, and MySQL when MYSQL_URL is set),
// mini program unit tests, and the browser tests of the H5 build. Counts come from Jest's JSON results.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const jest = createRequire(import.meta.url).resolve('jest/bin/jest');
const reports = join(root, 'test/artifacts/results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

if (process.env.CI && !process.env.MYSQL_URL) {
  console.error('CI must run the MySQL suite: set MYSQL_URL (see .ci/run).');
  process.exit(1);
}
console.log(
  process.env.MYSQL_URL
    ? 'Database tests run on SQLite and MySQL.'
    : 'Database tests run on SQLite only: set MYSQL_URL=mysql://root@127.0.0.1:3306 to add MySQL.',
);

const only = process.argv.slice(2);
const suites = [
  { name: 'shared', cwd: 'shared', esm: true },
  { name: 'server', cwd: 'server', esm: true },
  { name: 'miniapp', cwd: 'miniapp', esm: false },
  // One Chromium and one server at a time: the machines have two cores.
  { name: 'browser', cwd: 'test', esm: true, args: ['--runInBand'] },
  // Two server instances on one MySQL database behind a round-robin proxy (MySQL only).
  { name: 'instances', cwd: 'test', esm: true, args: ['--config', 'instances/jest.config.mjs'] },
].filter((suite) => only.length === 0 || only.includes(suite.name));

let passed = 0;
let failed = 0;
let skipped = 0;
const broken = [];
for (const suite of suites) {
  console.log(`\n=== ${suite.name} ===`);
  const output = join(reports, `${suite.name}.json`);
  const run = spawnSync(
    process.execPath,
    [...(suite.esm ? ['--experimental-vm-modules'] : []), jest, ...(suite.args ?? []), '--json', `--outputFile=${output}`],
    {
      cwd: join(root, suite.cwd),
      stdio: 'inherit',
      // Node warns once per process that VM modules are experimental; the runs are otherwise quiet.
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    },
  );
  let result;
  try {
    result = JSON.parse(readFileSync(output, 'utf8'));
  } catch {
    broken.push(`${suite.name} (no results: exit ${run.status})`);
    continue;
  }
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + result.numTodoTests;
  if (run.status !== 0 || !result.success || result.numTotalTests === 0)
    broken.push(`${suite.name} (exit ${run.status}, ${result.numTotalTests} tests)`);
}

console.log('');
if (broken.length) console.log(`Suites that failed: ${broken.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(broken.length || failed ? 1 : 0);
