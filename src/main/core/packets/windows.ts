/**
 * Which stretches of the recording a packet's clips cover: each annotated
 * moment with some context either side, clamped to the call, and merged when
 * they overlap so one clip plays a whole exchange rather than three
 * overlapping fragments of it.
 */
export interface ClipWindow {
  startSec: number;
  endSec: number;
  annotationIds: string[];
}

/** A point annotation still gets a short stretch of its own, so a clip is never empty. */
const MIN_CLIP_SEC = 1;

export function clipWindows(
  moments: ReadonlyArray<{ id: string; startSec: number; endSec: number | null }>,
  contextSec: number,
  durationSec: number,
): ClipWindow[] {
  const sorted = [...moments]
    .map((m) => {
      const startSec = Math.max(0, m.startSec - contextSec);
      let endSec = Math.min(durationSec, (m.endSec ?? m.startSec) + contextSec);
      if (endSec - startSec < MIN_CLIP_SEC) endSec = Math.min(durationSec, startSec + MIN_CLIP_SEC);
      return { id: m.id, startSec, endSec };
    })
    .filter((w) => w.endSec > w.startSec)
    .sort((a, b) => a.startSec - b.startSec || a.endSec - b.endSec);
  const merged: ClipWindow[] = [];
  for (const w of sorted) {
    const last = merged.at(-1);
    if (last && w.startSec <= last.endSec) {
      last.endSec = Math.max(last.endSec, w.endSec);
      last.annotationIds.push(w.id);
    } else {
      merged.push({ startSec: w.startSec, endSec: w.endSec, annotationIds: [w.id] });
    }
  }
  // Millisecond precision: what ffmpeg is told is exactly what the packet records.
  return merged.map((w) => ({
    ...w,
    startSec: Math.round(w.startSec * 1000) / 1000,
    endSec: Math.round(w.endSec * 1000) / 1000,
  }));
}

export const overlaps = (a: { startSec: number; endSec: number }, windows: readonly ClipWindow[]): boolean =>
  windows.some((w) => a.startSec < w.endSec && a.endSec > w.startSec);
