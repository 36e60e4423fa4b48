#!/usr/bin/env node
/**
 * Makes the sample call once, from its written script: each line spoken by
 * espeak-ng (rep and customer in different voices), laid end to end with a
 * short pause, the rep on the left channel and the customer on the right as a
 * dialer records them, encoded as small stereo Opus with ffmpeg. The exact
 * start and end of every line are written back into the script, which is the
 * transcript Gamefilm shows — so the sample needs no transcription model.
 *
 *   node scripts/make-sample-call.mjs
 *
 * Needs espeak-ng and an ffmpeg with libopus (Debian: apt-get install espeak-ng ffmpeg).
 * The output is committed; nobody needs to run this unless the script changes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'resources', 'sample-call');
const scriptPath = join(dir, 'script.json');
const script = JSON.parse(readFileSync(scriptPath, 'utf8'));
const RATE = 22050; // espeak-ng's own rate
const PAUSE_SEC = 0.4;
const LEAD_SEC = 0.3;

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'buffer' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr.toString()}`);
  return r.stdout;
}

/** The 16-bit mono samples of a WAV espeak-ng wrote. */
function pcmOf(wav) {
  let pos = 12;
  while (pos + 8 <= wav.length) {
    const id = wav.toString('latin1', pos, pos + 4);
    const size = wav.readUInt32LE(pos + 4);
    if (id === 'data') return wav.subarray(pos + 8, pos + 8 + Math.min(size, wav.length - pos - 8));
    pos += 8 + size + (size % 2);
  }
  throw new Error('espeak-ng wrote a WAV without data');
}

/** Trims leading and trailing near-silence so the times are when the words are. */
function trimmed(pcm) {
  const n = pcm.length / 2;
  const loud = (i) => Math.abs(pcm.readInt16LE(i * 2)) > 300;
  let a = 0;
  while (a < n && !loud(a)) a++;
  let b = n - 1;
  while (b > a && !loud(b)) b--;
  return pcm.subarray(a * 2, (b + 1) * 2);
}

const work = mkdtempSync(join(tmpdir(), 'gamefilm-sample-'));
try {
  const clips = script.lines.map((line, i) => {
    const voice = script.speakers[line.speaker];
    const out = join(work, `line-${i}.wav`);
    run('espeak-ng', [
      '-v',
      voice.voice,
      '-p',
      String(voice.pitch),
      '-s',
      String(voice.speed),
      '-w',
      out,
      '--',
      line.text,
    ]);
    return { line, channel: voice.channel, pcm: trimmed(pcmOf(readFileSync(out))) };
  });
  const round3 = (v) => Math.round(v * 1000) / 1000;
  let cursor = Math.round(LEAD_SEC * RATE);
  for (const clip of clips) {
    clip.start = cursor;
    cursor += clip.pcm.length / 2;
    clip.line.startSec = round3(clip.start / RATE);
    clip.line.endSec = round3(cursor / RATE);
    cursor += Math.round(PAUSE_SEC * RATE);
  }
  const frames = cursor + Math.round(LEAD_SEC * RATE);
  const stereo = Buffer.alloc(frames * 4);
  for (const clip of clips) {
    for (let i = 0; i < clip.pcm.length / 2; i++) {
      stereo.writeInt16LE(clip.pcm.readInt16LE(i * 2), (clip.start + i) * 4 + clip.channel * 2);
    }
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + stereo.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(stereo.length, 40);
  const wavPath = join(work, 'sample-call.wav');
  writeFileSync(wavPath, Buffer.concat([header, stereo]));
  // 28 kb/s: below ~24 kb/s Opus codes stereo as intensity stereo and the customer
  // bleeds into the rep's channel, which is what speaker detection listens to.
  run(process.env.FFMPEG_PATH || 'ffmpeg', [
    '-nostdin',
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-i',
    wavPath,
    '-c:a',
    'libopus',
    '-b:a',
    '28k',
    '-ar',
    '48000',
    '-ac',
    '2',
    '-map_metadata',
    '-1',
    join(dir, 'sample-call.opus'),
  ]);
  writeFileSync(scriptPath, `${JSON.stringify(script, null, 2)}\n`);
  console.log(
    `sample call: ${script.lines.length} lines, ${round3(frames / RATE)} s → resources/sample-call/sample-call.opus`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
