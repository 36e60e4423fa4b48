import { describe, expect, it } from 'vitest';
import { countFillers, isQuestion, transcriptStats, words } from '../../../../src/main/core/drills/stats';

/*
 * Each expected number below was counted by hand from the text above it;
 * the comments show the count so a reader can check it.
 */
describe('attempt stats from a transcript', () => {
  it('counts words, words per minute, fillers and questions in a price-objection answer', () => {
    const segments = [
      // 16 words: Um(1) I(2) totally(3) hear(4) you(5) on(6) price(7) it's(8) a(9) real(10) number(11) and(12)
      // you(13) know(14) worth(15) flagging(16). Fillers: um, you know.
      { text: "Um, I totally hear you on price. It's a real number, and you know, worth flagging." },
      // 14 words: Can(1) I(2) ask(3) what(4) you're(5) comparing(6) it(7) against(8) a(9) budget(10) or(11)
      // another(12) quote(13)? — then "Basically(14)". Fillers: basically. Questions: 1 ("?").
      { text: "Can I ask what you're comparing it against, a budget or another quote? Basically" },
      // 13 words: I'd(1) like(2) to(3) understand(4) the(5) cost(6) of(7) the(8) problem(9) so(10) like(11)
      // what(12) happens(13). "I'd like" is not a filler; the second "like" is. No "?".
      { text: "I'd like to understand the cost of the problem. So like, what happens" },
    ];
    const stats = transcriptStats({ durationSec: 30, segments });
    expect(stats.wordCount).toBe(16 + 14 + 13);
    // 43 words in half a minute.
    expect(stats.wordsPerMinute).toBe(86);
    expect(stats.fillers).toEqual([
      { phrase: 'basically', count: 1 },
      { phrase: 'like', count: 1 },
      { phrase: 'um', count: 1 },
      { phrase: 'you know', count: 1 },
    ]);
    expect(stats.fillerCount).toBe(4);
    // "Can I ask …?" ends in "?"; "So like, what happens" is unterminated and, past the "So", opens with "like".
    expect(stats.questionCount).toBe(1);
  });

  it('counts discovery questions, with and without the question mark speech recognition drops', () => {
    const segments = [
      // Q1 ends "?"; Q2 ends "?".
      { text: 'Walk me through how a new rep ramps today? What does good look like after ninety days?' },
      // A statement ending "." that opens with "What" is not a question.
      { text: 'What we hear from teams your size is that ramp takes six months.' },
      // Unterminated, opens with "how" once the leading "And" is skipped — counted (Q3).
      { text: 'And how do you measure that' },
      // Unterminated, "So" skipped, then "it" — not counted. "kind of" is a filler; "I mean" is a filler.
      { text: 'So it is kind of, I mean, hard to say' },
    ];
    const stats = transcriptStats({ durationSec: 20, segments });
    expect(stats.questionCount).toBe(3);
    expect(stats.fillers).toEqual([
      { phrase: 'i mean', count: 1 },
      { phrase: 'kind of', count: 1 },
    ]);
  });

  it('matches fillers as whole words and phrases, case-insensitively, longest first, without overlap', () => {
    // "Umbrella", "likely", "actually-ish" pieces: only whole tokens count. "YOU KNOW" in capitals counts once.
    expect(Object.fromEntries(countFillers(words('Umbrella likely UM YOU KNOW Actually sort of uh-huh')))).toEqual({
      um: 1,
      'you know': 1,
      actually: 1,
      'sort of': 1,
      uh: 1,
    });
    // "you know what I mean" is one filler, not "you know" + "I mean".
    expect(Object.fromEntries(countFillers(words('You know what I mean?')))).toEqual({ 'you know what i mean': 1 });
    // Verb and comparison uses of "like" are not fillers.
    expect(countFillers(words('We would like that; it looks like a fit; sounds like a plan')).size).toBe(0);
    // Curly apostrophes are apostrophes.
    expect(words('I’d like it')).toEqual(["i'd", 'like', 'it']);
    expect(countFillers(words('I’d like it')).size).toBe(0);
  });

  it('defines a question as "?" or an unterminated sentence with a question opener', () => {
    expect(isQuestion({ text: 'That works for you', end: '?' })).toBe(true);
    expect(isQuestion({ text: 'Would Tuesday work', end: '' })).toBe(true);
    expect(isQuestion({ text: 'Would love to', end: '.' })).toBe(false);
    expect(isQuestion({ text: 'Great', end: '' })).toBe(false);
  });

  it('has no words per minute for an empty or sub-second recording', () => {
    expect(transcriptStats({ durationSec: 0.5, segments: [{ text: 'Hi' }] }).wordsPerMinute).toBeNull();
    expect(transcriptStats({ durationSec: 12, segments: [] })).toEqual({
      durationSec: 12,
      wordCount: 0,
      wordsPerMinute: 0,
      fillerCount: 0,
      fillers: [],
      questionCount: 0,
    });
  });
});
