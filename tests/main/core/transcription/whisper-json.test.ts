import { describe, expect, it } from 'vitest';
import { parseWhisperFullJson, repairCliJson } from '../../../../src/main/core/transcription/whisper-json';

const tok = (text: string, from: number, to: number, p = 0.5, id = 100): object => ({
  text,
  offsets: { from, to },
  id,
  p,
});
const doc = (transcription: object[]): string =>
  JSON.stringify({ model: { vocab: 51864, multilingual: false }, transcription });

describe('parseWhisperFullJson', () => {
  it('merges sub-word tokens into words and drops special tokens', () => {
    const segs = parseWhisperFullJson(
      doc([
        {
          offsets: { from: 0, to: 3000 },
          text: ' Unbelievable pricing, right?',
          tokens: [
            tok('[_BEG_]', 0, 0, 1, 50363),
            tok(' Un', 0, 300),
            tok('believ', 300, 600),
            tok('able', 600, 900),
            tok(' pricing', 900, 1500),
            tok(',', 1500, 1600),
            tok(' right', 1600, 2000),
            tok('?', 2000, 2100),
            tok('[_TT_150]', 3000, 3000, 1, 50513),
            tok('<|endoftext|>', 3000, 3000, 1, 50256),
          ],
        },
      ]),
      10,
    );
    expect(segs).toHaveLength(1);
    expect(segs[0]?.text).toBe('Unbelievable pricing, right?');
    expect(segs[0]?.words.map((w) => [w.text, w.start, w.end])).toEqual([
      ['Unbelievable', 0, 0.9],
      ['pricing,', 0.9, 1.6],
      ['right?', 1.6, 2.1],
    ]);
  });

  it('drops tokens whose id is special even when their text looks normal', () => {
    const segs = parseWhisperFullJson(
      doc([
        {
          offsets: { from: 0, to: 1000 },
          text: ' ok',
          tokens: [tok(' ok', 0, 500), tok(' junk', 500, 900, 0.5, 50300)],
        },
      ]),
      5,
    );
    expect(segs[0]?.words.map((w) => w.text)).toEqual(['ok']);
  });

  it('clamps to the duration and keeps segments and words monotonic', () => {
    const segs = parseWhisperFullJson(
      doc([
        { offsets: { from: 0, to: 4000 }, text: ' a b', tokens: [tok(' a', 0, 2500), tok(' b', 2000, 4500)] },
        { offsets: { from: 3500, to: 30000 }, text: ' c', tokens: [tok(' c', 3500, 30000)] },
        { offsets: { from: 12000, to: 13000 }, text: ' past the end', tokens: [] },
        { offsets: { from: 5000, to: 6000 }, text: '   ', tokens: [] },
      ]),
      10,
    );
    expect(segs.map((s) => [s.start, s.end, s.text])).toEqual([
      [0, 4, 'a b'],
      [4, 10, 'c'],
    ]);
    expect(segs[0]?.words.map((w) => [w.start, w.end])).toEqual([
      [0, 2.5],
      [2.5, 4],
    ]);
    expect(segs[1]?.words.map((w) => [w.start, w.end])).toEqual([[4, 10]]);
  });

  it('fills missing token times from the segment', () => {
    const segs = parseWhisperFullJson(
      doc([{ offsets: { from: 1000, to: 2000 }, text: ' hi', tokens: [{ text: ' hi', id: 5, p: 0.4 }] }]),
      5,
    );
    expect(segs[0]?.words).toEqual([{ text: 'hi', start: 1, end: 1, confidence: 0.4 }]);
  });

  it('tolerates raw control characters and nan from the C++ writer', () => {
    const raw = `{"model": {"vocab": 51864},\n"transcription": [{"offsets": {"from": 0, "to": 1000}, "text": " line\tone\nend",\n"tokens": [{"text": " line\tone", "offsets": {"from": 0, "to": 500}, "id": 7, "p": nan, "t_dtw": -inf}]}]}`;
    expect(() => JSON.parse(raw)).toThrow();
    const segs = parseWhisperFullJson(Buffer.from(raw), 5);
    expect(segs[0]?.text).toBe('line\tone\nend');
    expect(segs[0]?.words[0]).toEqual({ text: 'line\tone', start: 0, end: 0.5 });
    expect(repairCliJson('{"a": "nan", "b": nan}')).toBe('{"a": "nan", "b": null}');
  });

  it('refuses garbage with a clear reason', () => {
    expect(() => parseWhisperFullJson('', 5)).toThrow(/empty/);
    expect(() => parseWhisperFullJson('this is { not json', 5)).toThrow(/not valid JSON/);
    expect(() => parseWhisperFullJson('{"x": 1}', 5)).toThrow(/no "transcription" array/);
    expect(() => parseWhisperFullJson('{"transcription": [{"text": "a"}]}', 5)).toThrow(/offsets/);
  });
});
