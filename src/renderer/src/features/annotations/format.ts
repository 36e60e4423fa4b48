import type { Annotation, AnnotationTag } from '../../../../shared/domain';
import { formatClock } from '../player/format';

/** "0:05" for a point, "0:05–0:09" for a range: how the list and the labels name a moment. */
export const momentLabel = (a: Pick<Annotation, 'startSec' | 'endSec'>) =>
  a.endSec === null ? formatClock(a.startSec) : `${formatClock(a.startSec)}–${formatClock(a.endSec)}`;

/** Annotations without a tag are drawn in a neutral slate that reads on both themes. */
export const UNTAGGED_COLOR = '#6b7a90';

export const tagOf = (a: Annotation, tags: AnnotationTag[]) => tags.find((t) => t.id === a.tagId) ?? null;

/** A #rrggbb colour with an alpha, for range fills that keep the waveform visible underneath. */
export const withAlpha = (hex: string, alpha: number) =>
  `${hex}${Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0')}`;
