/**
 * Quick numbers for a drill attempt, from its transcript. Pure functions, no
 * database, so each definition can be checked against hand-counted text.
 *
 * Definitions (what a rep sees next to each attempt):
 * - **words**: runs of letters/digits, with inner apostrophes kept
 *   ("don't" is one word, "30-day" is two).
 * - **words per minute**: words ÷ the recording's duration in minutes. The
 *   whole recording counts, silence included — a long pause before answering
 *   is part of how the answer lands. null for recordings under one second.
 * - **filler words**: the phrases in FILLER_PHRASES, matched as whole words,
 *   case-insensitively, longest phrase first and without overlap ("you know"
 *   counts once, not as "you" + "know"). "like" is not counted after a word
 *   that makes it a verb or comparison ("I'd like", "would like", "looks like",
 *   "sounds like", "feel like"), since reps say those on purpose.
 * - **questions**: sentences (split at . ? ! and at transcript segment
 *   boundaries) that end with "?"; plus, because speech recognition often
 *   leaves the final mark off, an unterminated sentence that opens with a
 *   question word or auxiliary (what, how, would, do, …), after any lead-in
 *   ("and", "so", "but", "okay", …).
 */

export const FILLER_PHRASES = [
  'you know what i mean',
  'you know',
  'i mean',
  'sort of',
  'kind of',
  'um',
  'umm',
  'uh',
  'uhh',
  'er',
  'erm',
  'hmm',
  'like',
  'basically',
  'actually',
  'literally',
  'honestly',
] as const;

/** Words after which "like" is a verb or a comparison, not a filler. */
const LIKE_NOT_FILLER_AFTER = new Set([
  "i'd",
  "we'd",
  "you'd",
  "they'd",
  "he'd",
  "she'd",
  'would',
  'look',
  'looks',
  'looked',
  'sound',
  'sounds',
  'seem',
  'seems',
  'feel',
  'feels',
  'felt',
  'something',
  'anything',
  'nothing',
  'just',
]);

/** Words a spoken sentence often starts with before its real opener ("And how do you…"). */
const LEAD_INS = new Set(['and', 'so', 'but', 'okay', 'ok', 'well', 'now', 'then', 'also']);

/** Openers that make an unterminated sentence a question. */
const QUESTION_OPENERS = new Set([
  'what',
  "what's",
  'why',
  'how',
  "how's",
  'when',
  'where',
  'who',
  'which',
  'whose',
  'is',
  'are',
  'am',
  'was',
  'were',
  'do',
  'does',
  'did',
  'can',
  'could',
  'would',
  'will',
  'should',
  'shall',
  'may',
  'have',
  'has',
  "isn't",
  "aren't",
  "don't",
  "doesn't",
  "didn't",
  "can't",
  "couldn't",
  "wouldn't",
  "won't",
  "shouldn't",
]);

export interface StatsInput {
  durationSec: number;
  /** Transcript segments in order; only their text is used. */
  segments: ReadonlyArray<{ text: string }>;
}

export interface TranscriptStats {
  durationSec: number;
  wordCount: number;
  wordsPerMinute: number | null;
  fillerCount: number;
  /** Per phrase, most frequent first (then alphabetical); phrases not said are left out. */
  fillers: Array<{ phrase: string; count: number }>;
  questionCount: number;
}

/** Straight and curly apostrophes are the same letter to a counter. */
const normalizeApostrophes = (text: string) => text.replace(/[\u2018\u2019\u02bc]/g, "'");

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu;

export function words(text: string): string[] {
  return (normalizeApostrophes(text).toLowerCase().match(WORD) ?? []) as string[];
}

/** Whole-word, non-overlapping filler matches over a list of lower-case words. */
/** Longest first, split once: counting runs for every segment of every call. */
const FILLER_WORDS = [...FILLER_PHRASES].map((p) => p.split(' ')).sort((a, b) => b.length - a.length);
const FILLER_STARTS = new Set(FILLER_WORDS.map((p) => p[0]!));

export function countFillers(tokens: readonly string[]): Map<string, number> {
  const phrases = FILLER_WORDS;
  const counts = new Map<string, number>();
  let i = 0;
  while (i < tokens.length) {
    if (!FILLER_STARTS.has(tokens[i]!)) {
      i += 1;
      continue;
    }
    const hit = phrases.find((p) => p.every((w, k) => tokens[i + k] === w));
    if (hit) {
      const phrase = hit.join(' ');
      const previous = tokens[i - 1];
      const isVerbLike = phrase === 'like' && previous !== undefined && LIKE_NOT_FILLER_AFTER.has(previous);
      if (!isVerbLike) {
        counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
        i += hit.length;
        continue;
      }
    }
    i += 1;
  }
  return counts;
}

/** Sentences of one segment, each with the mark that ended it ('' when none did). */
function sentences(text: string): Array<{ text: string; end: string }> {
  const out: Array<{ text: string; end: string }> = [];
  const re = /([^.?!]+)([.?!]+|$)/g;
  for (const m of normalizeApostrophes(text).matchAll(re)) {
    const body = (m[1] ?? '').trim();
    if (body) out.push({ text: body, end: (m[2] ?? '').slice(-1) });
  }
  return out;
}

export function isQuestion(sentence: { text: string; end: string }): boolean {
  if (sentence.end === '?') return true;
  if (sentence.end !== '') return false;
  const first = words(sentence.text).find((w) => !LEAD_INS.has(w));
  return first !== undefined && QUESTION_OPENERS.has(first);
}

export function transcriptStats({ durationSec, segments }: StatsInput): TranscriptStats {
  const tokensBySegment = segments.map((s) => words(s.text));
  const allTokens = tokensBySegment.flat();
  // Fillers are matched per segment: a phrase split across two segments was two utterances.
  const fillerCounts = new Map<string, number>();
  for (const tokens of tokensBySegment) {
    for (const [phrase, n] of countFillers(tokens)) fillerCounts.set(phrase, (fillerCounts.get(phrase) ?? 0) + n);
  }
  const fillers = [...fillerCounts]
    .map(([phrase, count]) => ({ phrase, count }))
    .sort((a, b) => b.count - a.count || a.phrase.localeCompare(b.phrase));
  const questionCount = segments.flatMap((s) => sentences(s.text)).filter(isQuestion).length;
  const minutes = durationSec / 60;
  return {
    durationSec,
    wordCount: allTokens.length,
    wordsPerMinute: durationSec >= 1 ? Math.round((allTokens.length / minutes) * 10) / 10 : null,
    fillerCount: fillers.reduce((n, f) => n + f.count, 0),
    fillers,
    questionCount,
  };
}
