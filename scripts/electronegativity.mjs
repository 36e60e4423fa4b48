/**
 * `npm run security`: Electronegativity (Doyensec's Electron checker) over
 * the main process and the preload. Fails on any HIGH or MEDIUM finding
 * that the README's "Electronegativity findings" table does not explain
 * (one row per check and file). Runs offline: the Electron version is given.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
const electron = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;

/** One CSV line of the report, quotes respected. */
function cells(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

function scan(dir) {
  const tmp = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  const out = join(tmp, 'report.csv');
  try {
    execFileSync(process.execPath, [cli, '-i', join(root, dir), '-o', out, '-r', '-v', 'false', '-e', electron], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return readFileSync(out, 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map(cells)
      .map(([check, severity, confidence, file]) => ({ check, severity, confidence, file, dir }));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// | CHECK | file | reason |  rows under the README heading.
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.split('### Electronegativity findings')[1]?.split('\n## ')[0] ?? '';
const explained = new Set(
  section
    .split('\n')
    .map((l) => /^\|\s*`?([A-Z_]+)`?\s*\|\s*`?([^|`]+?)`?\s*\|\s*(.+?)\s*\|$/.exec(l))
    .filter((m) => m && m[3].length > 10)
    .map((m) => `${m[1]} ${m[2]}`),
);

const findings = ['src/main', 'src/preload'].flatMap(scan).filter((f) => /HIGH|MEDIUM/.test(f.severity));
const unexplained = findings.filter((f) => !explained.has(`${f.check} ${f.file}`));
for (const f of findings)
  console.log(`${unexplained.includes(f) ? 'FAIL' : 'ok  '} ${f.severity.padEnd(6)} ${f.check} ${f.dir}/${f.file}`);
console.log(`${findings.length - unexplained.length} passed, ${unexplained.length} failed`);
if (unexplained.length > 0) {
  console.error('Fix these, or explain each in README.md under "Electronegativity findings".');
  process.exit(1);
}
