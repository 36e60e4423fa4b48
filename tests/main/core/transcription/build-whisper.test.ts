import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../fixtures/whisper/helpers';

const root = repoRoot();
const script = join(root, 'scripts', 'build-whisper.mjs');
const bin = join(root, 'vendor', 'whisper', 'bin', 'whisper-cli');

function run(args: string[], env: NodeJS.ProcessEnv): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [script, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('scripts/build-whisper.mjs', () => {
  it('skips with exit 0 when WHISPER_CLI_PATH is set', () => {
    const r = run(['--force'], { ...process.env, WHISPER_CLI_PATH: '/opt/whisper/whisper-cli' });
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/WHISPER_CLI_PATH is set/);
  });

  it('skips with exit 0 and says what to install when cmake / c++ are missing', () => {
    const before = existsSync(bin) ? statSync(bin).mtimeMs : null;
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: '/nonexistent' };
    delete env.WHISPER_CLI_PATH;
    const r = run(['--force'], env);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/missing cmake/);
    expect(r.out).toMatch(/apt-get install -y cmake build-essential/);
    expect(existsSync(bin) ? statSync(bin).mtimeMs : null).toBe(before);
  });

  it.runIf(existsSync(bin))('is a quick no-op when the binary matches the stamp', () => {
    const env = { ...process.env };
    delete env.WHISPER_CLI_PATH;
    const t0 = performance.now();
    const r = run([], env);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/up to date/);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
