import type { Segment, Word } from './engine';

/**
 * Parsing whisper-cli's "full" JSON output (-ojf) into segments with words.
 *
 * whisper-cli (1.9) writes:
 *   { "model": { "vocab", "multilingual", … },
 *     "transcription": [ { "offsets": { "from": ms, "to": ms }, "text",
 *        "tokens": [ { "text", "offsets"?: { "from", "to" }, "id", "p", "t_dtw" } ] } ] }
 * Its writer only escapes quotes and backslashes, so raw control characters
 * may appear inside strings, and floats may print as nan/inf: we repair both
 * before JSON.parse.
 */

interface RawToken {
  text?: unknown;
  id?: unknown;
  p?: unknown;
  offsets?: { from?: unknown; to?: unknown };
}
interface RawSegment {
  text?: unknown;
  offsets?: { from?: unknown; to?: unknown };
  tokens?: unknown;
}

/** Escapes control characters inside strings and turns bare nan/inf into null. */
export function repairCliJson(text: string): string {
  const out: string[] = [];
  let inString = false;
  let lastSignificant = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const code = ch.charCodeAt(0);
    if (inString) {
      if (ch === '\\') {
        out.push(ch, text[i + 1] ?? '');
        i++;
      } else if (ch === '"') {
        inString = false;
        out.push(ch);
      } else if (code < 0x20) {
        out.push(`\\u${code.toString(16).padStart(4, '0')}`);
      } else {
        out.push(ch);
      }
      continue;
    }
    if (ch === '"') {
      inString = true;
      lastSignificant = ch;
      out.push(ch);
      continue;
    }
    if (
      (ch === '-' || ch === 'n' || ch === 'N' || ch === 'i' || ch === 'I') &&
      lastSignificant !== '' &&
      ':,['.includes(lastSignificant)
    ) {
      const m = /^-?(?:nan|inf(?:inity)?)/i.exec(text.slice(i, i + 9));
      if (m) {
        out.push('null');
        lastSignificant = 'l';
        i += m[0].length - 1;
        continue;
      }
    }
    if (code > 0x20) lastSignificant = ch;
    out.push(ch);
  }
  return out.join('');
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const round3 = (v: number): number => Math.round(v * 1000) / 1000;

function isSpecialToken(text: string, id: number | null, firstSpecialId: number | null): boolean {
  if (/^\[_[A-Z]+/.test(text) || /^<\|.*\|>$/.test(text)) return true;
  return id !== null && firstSpecialId !== null && id >= firstSpecialId;
}

function mean(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  return round3(values.reduce((a, b) => a + b, 0) / values.length);
}

/**
 * Turns the CLI's JSON into segments. Times are clamped to [0, durationSec]
 * and kept monotonic: segments do not overlap and come in order; words lie
 * inside their segment and do not overlap either. Segments that begin at or
 * after the end of the audio, or carry no text, are dropped.
 */
export function parseWhisperFullJson(raw: Buffer | string, durationSec: number): Segment[] {
  const text = typeof raw === 'string' ? raw : new TextDecoder('utf-8').decode(raw);
  if (!text.trim()) throw new Error('empty JSON file');
  let doc: unknown;
  try {
    doc = JSON.parse(repairCliJson(text));
  } catch (error) {
    throw new Error(`not valid JSON: ${(error as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { transcription?: unknown }).transcription)) {
    throw new Error('JSON has no "transcription" array');
  }
  const model = (doc as { model?: { vocab?: unknown; multilingual?: unknown } }).model;
  const vocab = num(model?.vocab);
  // Token ids from <|endoftext|> up are special in standard whisper vocabularies.
  const firstSpecialId = vocab !== null && vocab >= 51864 ? (model?.multilingual === true ? 50257 : 50256) : null;

  // Rounded down to the millisecond, so rounded times never pass the real end.
  const limit = Number.isFinite(durationSec) && durationSec > 0 ? Math.floor(durationSec * 1000) / 1000 : Infinity;
  const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

  const segments: Segment[] = [];
  let prevEnd = 0;
  for (const rawSeg of (doc as { transcription: unknown[] }).transcription) {
    if (typeof rawSeg !== 'object' || rawSeg === null) throw new Error('segment is not an object');
    const s = rawSeg as RawSegment;
    const from = num(s.offsets?.from);
    const to = num(s.offsets?.to);
    if (from === null || to === null || typeof s.text !== 'string') throw new Error('segment without offsets or text');

    const start = round3(clamp(from / 1000, prevEnd, limit));
    const end = round3(clamp(to / 1000, start, limit));
    const segText = s.text.trim();
    if (!segText || (start >= limit && limit !== Infinity)) continue;

    // Words: merge sub-word tokens; a token starting with whitespace opens a new word.
    const words: Word[] = [];
    const probs: number[] = [];
    let current: { text: string; start: number; end: number; probs: number[] } | null = null;
    const flush = (): void => {
      if (current && current.text.trim()) {
        const conf = mean(current.probs);
        words.push({
          text: current.text.trim(),
          start: current.start,
          end: current.end,
          ...(conf !== undefined ? { confidence: conf } : {}),
        });
      }
      current = null;
    };
    const tokens = Array.isArray(s.tokens) ? (s.tokens as RawToken[]) : [];
    let cursor = start;
    for (const t of tokens) {
      if (typeof t !== 'object' || t === null || typeof t.text !== 'string') continue;
      const id = num(t.id);
      if (isSpecialToken(t.text, id, firstSpecialId)) continue;
      const tokText = t.text.replace(/\uFFFD/g, '');
      if (!tokText) continue;
      const p = num(t.p);
      if (p !== null) probs.push(p);
      const tf = num(t.offsets?.from);
      const tt = num(t.offsets?.to);
      const tStart = round3(clamp(tf !== null ? tf / 1000 : cursor, cursor, end));
      const tEnd = round3(clamp(tt !== null ? tt / 1000 : tStart, tStart, end));
      cursor = tStart;
      const opensWord = /^\s/.test(tokText) || current === null;
      if (opensWord) {
        flush();
        const prevWordEnd = words.length > 0 ? (words[words.length - 1] as Word).end : start;
        const wStart = Math.max(tStart, prevWordEnd);
        current = { text: tokText, start: wStart, end: Math.max(tEnd, wStart), probs: [] };
      } else if (current) {
        current.text += tokText;
        current.end = Math.max(current.end, tEnd);
      }
      if (current && p !== null) current.probs.push(p);
    }
    flush();

    const conf = mean(probs);
    segments.push({ start, end, text: segText, words, ...(conf !== undefined ? { confidence: conf } : {}) });
    prevEnd = end;
  }
  return segments;
}
