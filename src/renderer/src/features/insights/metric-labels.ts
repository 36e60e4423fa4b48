import type { MetricKey } from '../../../../shared/domain';
import { formatDuration } from '../../lib/format';

/** How each figure is named, explained (tooltip) and written. */
export const METRICS: Record<MetricKey, { label: string; hint: string; format: (v: number) => string }> = {
  talkRatioRep: {
    label: 'Talk ratio (rep)',
    hint: 'Share of the talking done by the rep',
    format: (v) => `${Math.round(v * 100)} %`,
  },
  longestMonologueSec: {
    label: 'Longest rep monologue',
    hint: 'The longest stretch the rep spoke without the customer speaking',
    format: (v) => formatDuration(v),
  },
  longestCustomerStorySec: {
    label: 'Longest customer story',
    hint: 'The longest stretch the customer spoke without the rep',
    format: (v) => formatDuration(v),
  },
  switchesPerMinute: {
    label: 'Interactivity',
    hint: 'Changes of speaker per minute',
    format: (v) => `${v.toFixed(1)} / min`,
  },
  patienceSec: {
    label: 'Patience',
    hint: 'Mean pause before the rep answers once the customer stops',
    format: (v) => `${v.toFixed(1)} s`,
  },
  questionsRep: { label: 'Rep questions', hint: 'Questions the rep asked', format: (v) => String(Math.round(v)) },
  questionsCustomer: {
    label: 'Customer questions',
    hint: 'Questions the customer asked',
    format: (v) => String(Math.round(v)),
  },
  wpmRep: { label: 'Rep words per minute', hint: 'While the rep speaks', format: (v) => `${Math.round(v)} wpm` },
  fillersPerMinuteRep: {
    label: 'Rep filler words',
    hint: 'um, uh, like, you know… per minute of rep speech',
    format: (v) => `${v.toFixed(1)} / min`,
  },
  silenceShare: {
    label: 'Silence',
    hint: 'Share of the call nobody speaks in',
    format: (v) => `${Math.round(v * 100)} %`,
  },
};
