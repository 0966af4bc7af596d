// Prints the size of the WeChat main package (dist/weapp without subpackages) and fails over 2 MB.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT = 2 * 1024 * 1024;
const root = fileURLToPath(new URL('../dist/weapp/', import.meta.url));
if (!existsSync(join(root, 'app.json'))) {
  console.error('dist/weapp/app.json not found: run `npm run build:weapp -w miniapp` first');
  process.exit(1);
}
const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'));
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));
// Files WeChat does not upload.
const ignored = (rel) =>
  rel === 'project.config.json' || rel === 'project.private.config.json' || rel.endsWith('.map') || rel.endsWith('.LICENSE.txt');

let main = 0;
const sub = {};
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      walk(full);
      continue;
    }
    const rel = relative(root, full).split(sep).join('/');
    if (ignored(rel)) continue;
    const size = statSync(full).size;
    const owner = subRoots.find((r) => rel.startsWith(r));
    if (owner) sub[owner] = (sub[owner] ?? 0) + size;
    else main += size;
  }
};
walk(root);

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`weapp main package: ${main} bytes (${kb(main)}) of ${kb(LIMIT)} allowed`);
for (const [r, size] of Object.entries(sub)) console.log(`  subpackage ${r}: ${size} bytes (${kb(size)})`);
if (main > LIMIT) {
  console.error('main package is over WeChat’s 2 MB limit');
  process.exit(1);
}
