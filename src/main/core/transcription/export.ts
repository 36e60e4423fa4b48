/**
 * Transcript exports as strings: TXT (timestamps and speaker names), SRT,
 * WebVTT and JSON. The renderer turns them into a download.
 */
import type { Transcript, TranscriptExport, TranscriptExportFormat } from '../../../shared/domain';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 3725.5 → { h: 1, m: 2, s: 5, ms: 500 } (rounded to the millisecond). */
function clock(sec: number) {
  const totalMs = Math.max(0, Math.round(sec * 1000));
  return {
    h: Math.floor(totalMs / 3_600_000),
    m: Math.floor(totalMs / 60_000) % 60,
    s: Math.floor(totalMs / 1000) % 60,
    ms: totalMs % 1000,
  };
}

export const srtTime = (sec: number) => {
  const c = clock(sec);
  return `${pad(c.h)}:${pad(c.m)}:${pad(c.s)},${pad(c.ms, 3)}`;
};
export const vttTime = (sec: number) => srtTime(sec).replace(',', '.');
/** [mm:ss] under an hour, [h:mm:ss] beyond. */
export const readableTime = (sec: number) => {
  const c = clock(Math.floor(sec));
  return c.h > 0 ? `${c.h}:${pad(c.m)}:${pad(c.s)}` : `${pad(c.m)}:${pad(c.s)}`;
};

/** A speaker marked as the customer but still under its default label ("Right channel") reads as "Customer". */
const DEFAULT_LABEL = /^(left channel|right channel|channel \d+|speaker \d+)$/i;

function speakerNames(t: Transcript): Map<string, string> {
  return new Map(
    t.speakers.map((s) => [
      s.id,
      s.isCustomer && !s.personId && DEFAULT_LABEL.test(s.label) ? 'Customer' : s.displayName,
    ]),
  );
}

/** Subtitle cues must not contain blank lines (they end a cue) or "-->". */
const cueText = (text: string) =>
  text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/-->/g, '→')
    .trim();

/** A cue needs a visible duration; zero-length segments get the shortest readable one. */
const cueEnd = (start: number, end: number) => (end > start ? end : start + 0.001);

export function toTxt(t: Transcript, title: string): string {
  const names = speakerNames(t);
  const lines = t.segments.map((s) => {
    const who = s.speakerId ? names.get(s.speakerId) : undefined;
    return `[${readableTime(s.startSec)}] ${who ? `${who}: ` : ''}${s.text}`;
  });
  return `${title}\n\n${lines.join('\n')}\n`;
}

export function toSrt(t: Transcript): string {
  const names = speakerNames(t);
  return t.segments
    .map((s, i) => {
      const who = s.speakerId ? names.get(s.speakerId) : undefined;
      return `${i + 1}\n${srtTime(s.startSec)} --> ${srtTime(cueEnd(s.startSec, s.endSec))}\n${who ? `${who}: ` : ''}${cueText(s.text)}\n`;
    })
    .join('\n');
}

const escapeVtt = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function toVtt(t: Transcript): string {
  const names = speakerNames(t);
  // Numbered cue ids, as in SRT: some players and parsers accept nothing else.
  const cues = t.segments.map((s, i) => {
    const who = s.speakerId ? names.get(s.speakerId) : undefined;
    const voice = who ? `<v ${escapeVtt(who)}>` : '';
    return `${i + 1}\n${vttTime(s.startSec)} --> ${vttTime(cueEnd(s.startSec, s.endSec))}\n${voice}${escapeVtt(cueText(s.text))}\n`;
  });
  return `WEBVTT\n\n${cues.join('\n')}`;
}

export function toJson(t: Transcript, title: string): string {
  const names = speakerNames(t);
  return `${JSON.stringify(
    {
      title,
      mediaSha256: t.mediaSha256,
      model: t.modelId,
      language: t.language,
      verbatim: t.verbatim,
      durationSec: t.durationSec,
      speakers: t.speakers.map((s) => ({
        id: s.id,
        name: names.get(s.id),
        channel: s.channel,
        personId: s.personId,
        isCustomer: s.isCustomer,
      })),
      segments: t.segments.map((s) => ({
        id: s.id,
        start: s.startSec,
        end: s.endSec,
        speaker: s.speakerId ? (names.get(s.speakerId) ?? null) : null,
        speakerId: s.speakerId,
        text: s.text,
        edited: s.edited,
        confidence: s.confidence,
        words: s.words.map((w) => ({ text: w.text, start: w.startSec, end: w.endSec, confidence: w.confidence })),
      })),
    },
    null,
    2,
  )}\n`;
}

const MIME: Record<TranscriptExportFormat, string> = {
  txt: 'text/plain;charset=utf-8',
  srt: 'application/x-subrip;charset=utf-8',
  vtt: 'text/vtt;charset=utf-8',
  json: 'application/json;charset=utf-8',
};

/** A file name that is safe on every OS: the call's title, without path or reserved characters. */
export function exportFileName(title: string, format: TranscriptExportFormat): string {
  const safe = title
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 100);
  return `${safe || 'transcript'}.${format}`;
}

export function exportTranscript(t: Transcript, title: string, format: TranscriptExportFormat): TranscriptExport {
  const content =
    format === 'txt' ? toTxt(t, title) : format === 'srt' ? toSrt(t) : format === 'vtt' ? toVtt(t) : toJson(t, title);
  return { fileName: exportFileName(title, format), mimeType: MIME[format], content };
}
