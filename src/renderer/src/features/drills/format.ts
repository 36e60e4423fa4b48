import type { AttemptStats, BuyerMood } from '../../../../shared/domain';

export const MOOD_LABELS: Record<BuyerMood, string> = {
  neutral: 'Neutral',
  skeptical: 'Skeptical',
  rushed: 'Rushed',
  irritated: 'Irritated',
  curious: 'Curious',
  friendly: 'Friendly',
  guarded: 'Guarded',
};

/** 3.456 → "3.5"; null → "—". Scores are shown to one decimal, like the scorecards. */
export const formatScore = (score: number | null): string => (score === null ? '—' : score.toFixed(1));

/** +0.5 / −1.0 / "—": improvement reads as a change, with its sign. */
export const formatChange = (change: number | null): string =>
  change === null ? '—' : `${change > 0 ? '+' : change < 0 ? '−' : '±'}${Math.abs(change).toFixed(1)}`;

export const formatWpm = (stats: AttemptStats | null): string =>
  stats?.wordsPerMinute == null ? '—' : String(Math.round(stats.wordsPerMinute));

export const formatDateTime = (iso: string): string =>
  new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(
    new Date(iso),
  );

/** "m:ss" ⇄ seconds for the clip fields; accepts plain seconds too. */
export function parseClock(text: string): number | null {
  const parts = text.trim().split(':').map(Number);
  if (parts.length === 0 || parts.length > 3 || parts.some((p) => !Number.isFinite(p) || p < 0)) return null;
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}
