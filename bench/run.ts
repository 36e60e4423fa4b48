import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchDispatch } from './dispatch.bench';
import { benchInsights } from './insights.bench';
import { benchMedia } from './media.bench';
import { benchPlayer } from './player.bench';
import { benchTeam } from './team.bench';
import { benchTranscription } from './transcription.bench';
import type { BenchRow } from './harness';

/**
 * `npm run bench`: every figure printed as a ratio against a bare baseline
 * measured in the same run. `npm run bench -- --write` also records the
 * table in docs/BENCHMARKS.md.
 */
const suites: Array<[string, () => Promise<BenchRow[]>]> = [
  ['contract dispatch', benchDispatch],
  ['media import', benchMedia],
  ['player', benchPlayer],
  ['transcription', benchTranscription],
  ['insights', benchInsights],
  ['team folder', benchTeam],
];

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));

async function main() {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const lines = ['| suite | measurement | ours | baseline | ratio | note |', '| --- | --- | --- | --- | --- | --- |'];
  for (const [suite, run] of suites) {
    if (only.length && !only.some((o) => suite.includes(o))) continue;
    for (const r of await run()) {
      const line = `| ${suite} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${fmt(r.baseline)} ${r.unit} | ${r.ratio.toFixed(2)}× | ${r.note} |`;
      console.log(line);
      lines.push(line);
    }
  }
  if (process.argv.includes('--write')) {
    const file = resolve(__dirname, '../docs/BENCHMARKS.md');
    const doc = readFileSync(file, 'utf8');
    // Re-running one suite keeps the other suites' rows from the last full run.
    if (only.length) {
      const kept = doc
        .split('\n')
        .filter((l) => /^\| [a-z]/.test(l) && !l.startsWith('| suite') && !only.some((o) => l.slice(2).startsWith(o)));
      lines.splice(2, 0, ...kept);
    }
    const stamp = `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- --write\` (Node ${process.version}, ${
      (await import('node:os')).cpus().length
    } cores).`;
    const table = `<!-- bench:start -->\n${stamp}\n\n${lines.join('\n')}\n<!-- bench:end -->`;
    writeFileSync(file, doc.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, table));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
