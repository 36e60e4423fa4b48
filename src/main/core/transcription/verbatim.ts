/**
 * Whisper is trained on tidied-up captions and drops "um" and "uh" unless the
 * text it is continuing already has them. An initial prompt written the way
 * people talk is the known way to keep them; the filler-word metric needs them.
 * Cost: the prompt's ~30 tokens are decoded with every 30-s window (a few per
 * cent more time), and on clean speech whisper now and then invents a filler.
 */
export const VERBATIM_PROMPT = 'Um, so, uh, I mean, like, you know, we were, uh, thinking about it. Hmm, okay, yeah.';
