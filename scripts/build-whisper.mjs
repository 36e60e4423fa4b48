#!/usr/bin/env node
// Builds whisper.cpp's `whisper-cli` from the sources carried by the
// `nodejs-whisper` npm package (we use only its C++ tree, never its JS).
//
//   node scripts/build-whisper.mjs [--force]
//
// Output: vendor/whisper/bin/whisper-cli (build tree: vendor/whisper/build).
// Idempotent: a stamp file records the source version; a second run with the
// same sources and an existing binary returns immediately.
// Skips (exit 0, with a message) when WHISPER_CLI_PATH is set, when the
// sources are absent, or when cmake / a C++ compiler is missing, so that
// `npm install` (postinstall) never fails because of it.
//
// Every child process gets an argument array; no shell is ever involved.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TAG = '[build-whisper]';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(repoRoot, 'node_modules', 'nodejs-whisper', 'cpp', 'whisper.cpp');
const vendorDir = join(repoRoot, 'vendor', 'whisper');
const buildDir = join(vendorDir, 'build');
const binDir = join(vendorDir, 'bin');
const exe = process.platform === 'win32' ? 'whisper-cli.exe' : 'whisper-cli';
const binPath = join(binDir, exe);
const stampPath = join(vendorDir, 'build-stamp.json');
const force = process.argv.includes('--force');

function log(msg) {
  process.stdout.write(`${TAG} ${msg}\n`);
}

function skip(msg) {
  log(msg);
  process.exit(0);
}

function fail(msg) {
  process.stderr.write(`${TAG} ERROR: ${msg}\n`);
  process.exit(1);
}

/** True when `cmd args...` can be spawned and exits 0. */
function works(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** A short fingerprint of the whisper.cpp sources we would build. */
function sourceVersion() {
  const h = createHash('sha256');
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'nodejs-whisper', 'package.json'), 'utf8'));
  h.update(`nodejs-whisper@${pkg.version}\n`);
  const cmakeLists = readFileSync(join(srcDir, 'CMakeLists.txt'), 'utf8');
  const m = /project\("whisper\.cpp"\s+VERSION\s+([0-9.]+)\)/.exec(cmakeLists);
  const whisperVersion = m?.[1] ?? 'unknown';
  h.update(cmakeLists);
  for (const rel of [
    ['src', 'whisper.cpp'],
    ['examples', 'cli', 'cli.cpp'],
    ['include', 'whisper.h'],
  ]) {
    const p = join(srcDir, ...rel);
    if (existsSync(p)) h.update(readFileSync(p));
  }
  // Build options are part of the identity too.
  h.update(JSON.stringify(cmakeConfigureArgs()));
  return { whisperVersion, hash: h.digest('hex').slice(0, 16) };
}

function cmakeConfigureArgs() {
  return [
    '-S',
    srcDir,
    '-B',
    buildDir,
    '-DCMAKE_BUILD_TYPE=Release',
    '-DWHISPER_SDL2=OFF',
    '-DBUILD_SHARED_LIBS=OFF',
    '-DWHISPER_BUILD_TESTS=OFF',
    '-DWHISPER_BUILD_SERVER=OFF',
    '-DWHISPER_CURL=OFF',
  ];
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(stampPath, 'utf8'));
  } catch {
    return null;
  }
}

function run(cmd, args) {
  log(`$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.error) fail(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} exited with ${r.status ?? `signal ${r.signal}`}`);
}

function main() {
  if (process.env.WHISPER_CLI_PATH) {
    skip(`WHISPER_CLI_PATH is set (${process.env.WHISPER_CLI_PATH}); not building whisper-cli.`);
  }
  if (!existsSync(join(srcDir, 'CMakeLists.txt'))) {
    skip(`whisper.cpp sources not found at ${srcDir} (is nodejs-whisper installed?); skipping.`);
  }

  const version = sourceVersion();
  const stamp = readStamp();
  if (!force && existsSync(binPath) && stamp && stamp.hash === version.hash) {
    log(`whisper-cli ${version.whisperVersion} is up to date (${binPath}).`);
    return;
  }

  const missing = [];
  if (!works('cmake', ['--version'])) missing.push('cmake');
  const cxx = process.env.CXX || 'c++';
  if (!works(cxx, ['--version'])) missing.push(`a C++ compiler (${cxx})`);
  if (missing.length > 0) {
    skip(
      `cannot build whisper-cli: missing ${missing.join(' and ')}.\n` +
        `${TAG}   Debian/Ubuntu: sudo apt-get install -y cmake build-essential\n` +
        `${TAG}   macOS:         xcode-select --install && brew install cmake\n` +
        `${TAG}   Or point WHISPER_CLI_PATH at an existing whisper-cli binary.\n` +
        `${TAG}   Then run: node scripts/build-whisper.mjs`,
    );
  }

  const jobs = String(Math.max(1, Math.min(2, cpus().length)));
  const t0 = Date.now();
  mkdirSync(buildDir, { recursive: true });
  mkdirSync(binDir, { recursive: true });
  log(`building whisper-cli ${version.whisperVersion} from ${srcDir} (this takes a couple of minutes)…`);
  run('cmake', cmakeConfigureArgs());
  run('cmake', ['--build', buildDir, '--config', 'Release', '-j', jobs, '--target', 'whisper-cli']);

  const candidates = [join(buildDir, 'bin', exe), join(buildDir, 'bin', 'Release', exe)];
  const built = candidates.find((p) => existsSync(p));
  if (!built) fail(`build finished but ${exe} was not found under ${join(buildDir, 'bin')}`);

  // Copy via a temp name + rename so a concurrent reader never sees half a binary.
  const tmp = `${binPath}.tmp-${process.pid}`;
  copyFileSync(built, tmp);
  chmodSync(tmp, 0o755);
  renameSync(tmp, binPath);

  if (!works(binPath, ['--help'])) fail(`${binPath} does not run (--help failed)`);

  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  writeFileSync(
    stampPath,
    JSON.stringify({ ...version, builtAt: new Date().toISOString(), seconds: Number(seconds) }, null, 2) + '\n',
  );
  log(`built ${binPath} in ${seconds} s.`);
}

main();
