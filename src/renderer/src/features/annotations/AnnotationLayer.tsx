import { useEffect, useRef } from 'react';
import type { Annotation, AnnotationTag, Id } from '../../../../shared/domain';
import { api } from '../../api/client';
import { usePlayer, useWaveformRegions } from '../player/store';
import type { WaveformRegions } from '../player/store';
import { tagOf, UNTAGGED_COLOR, withAlpha } from './format';
import { useMe } from '../people/store';
import { useAnnotations } from './store';

type Region = ReturnType<WaveformRegions['addRegion']>;

/** The id wavesurfer gives a range while it is being dragged out; it becomes an annotation on release. */
const DRAFT_REGION_ID = 'gamefilm-new-range';

/** Typing into a field is never a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function regionLook(a: Annotation, tags: AnnotationTag[]) {
  const tag = tagOf(a, tags);
  const color = tag?.color ?? UNTAGGED_COLOR;
  const words = a.body.trim().split(/\s+/).slice(0, 4).join(' ');
  const label = tag ? tag.name : words;
  return { color: a.endSec === null ? color : withAlpha(color, 0.28), content: label || undefined };
}

/** Loads the call's annotations and tags, and follows changes made anywhere (other windows, packets). */
function useAnnotationSync(callId: Id) {
  // What "me" may edit or remove comes with the list: a change of "me" asks again.
  const meId = useMe()?.id ?? null;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else void useAnnotations.getState().refresh();
  }, [meId]);
  useEffect(() => {
    const store = useAnnotations.getState();
    void store.load(callId);
    const offChanged = api.on('annotations.changed', (e) => {
      if (e.callId === callId) void useAnnotations.getState().refresh();
    });
    const offTags = api.on('annotationTags.changed', () => void useAnnotations.getState().loadTags());
    // Leaving the page must not wait out the debounce (the journal covers a request that never lands).
    const flush = () => useAnnotations.getState().flush();
    window.addEventListener('pagehide', flush);
    return () => {
      offChanged();
      offTags();
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [callId]);
}

/** Draws the annotations on the waveform: ranges as regions, points as markers, kept in step with the list. */
function useRegionsFor(regions: WaveformRegions | null) {
  const annotations = useAnnotations((s) => s.annotations);
  const tags = useAnnotations((s) => s.tags);
  const drawn = useRef(new Map<Id, { region: Region; key: string }>());

  useEffect(() => {
    if (!regions) return;
    const map = drawn.current;
    return () => {
      for (const { region } of map.values()) region.remove();
      map.clear();
    };
  }, [regions]);

  useEffect(() => {
    if (!regions) return;
    const map = drawn.current;
    const live = new Set<Id>();
    for (const a of annotations) {
      live.add(a.id);
      const look = regionLook(a, tags);
      const key = `${a.startSec}/${a.endSec}/${look.color}/${look.content ?? ''}`;
      const existing = map.get(a.id);
      if (existing?.key === key) continue;
      // Re-created rather than patched: wavesurfer cannot turn a point into a range in place cleanly.
      existing?.region.remove();
      const region = regions.addRegion({
        id: a.id,
        start: a.startSec,
        ...(a.endSec === null ? {} : { end: a.endSec }),
        color: look.color,
        content: look.content,
        drag: true,
        resize: a.endSec !== null,
      });
      region.element?.setAttribute('title', a.body || 'Annotation');
      map.set(a.id, { region, key });
    }
    for (const [id, { region }] of map) {
      if (!live.has(id)) {
        region.remove();
        map.delete(id);
      }
    }
  }, [regions, annotations, tags]);
}

/** Drag on the waveform to add a range; drag a region to move it; click one to play from its start. */
function useRegionGestures(regions: WaveformRegions | null, onAdded: () => void) {
  useEffect(() => {
    if (!regions) return;
    const stopDragSelect = regions.enableDragSelection({ id: DRAFT_REGION_ID, color: withAlpha(UNTAGGED_COLOR, 0.3) });
    const offCreated = regions.on('region-created', (region) => {
      if (region.id !== DRAFT_REGION_ID) return;
      const { start, end } = region;
      region.remove();
      void useAnnotations
        .getState()
        .add(start, end > start ? end : null)
        .then((a) => a && onAdded());
    });
    const offUpdated = regions.on('region-updated', (region) => {
      const a = useAnnotations.getState().annotations.find((x) => x.id === region.id);
      if (!a) return;
      void useAnnotations.getState().move(a.id, region.start, a.endSec === null ? null : region.end);
    });
    const offClicked = regions.on('region-clicked', (region, e) => {
      // The waveform underneath would seek to the clicked pixel; the annotation starts at its start.
      e.stopPropagation();
      usePlayer.getState().seek(region.start);
    });
    return () => {
      offCreated();
      offUpdated();
      offClicked();
      stopDragSelect();
    };
  }, [regions, onAdded]);
}

/** `M` drops a point at the playhead, keeps playback going and puts the cursor in its comment box. */
function useAddShortcut(onAdded: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Plain M only: Shift+M is the player's mute.
      if (e.key.toLowerCase() !== 'm' || e.shiftKey) return;
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if (isTyping(e.target) || document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      e.preventDefault();
      const player = usePlayer.getState();
      const at = player.wavesurfer?.getCurrentTime() ?? player.currentTime;
      void useAnnotations
        .getState()
        .add(Math.max(0, at), null)
        .then((a) => a && onAdded());
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onAdded]);
}

/**
 * The call's annotations on the waveform and on the keyboard. Renders
 * nothing itself; mounted once per call screen, whichever tab is showing.
 * `onAdded` lets the screen bring the list into view for the new comment.
 */
export function AnnotationLayer({ callId, onAdded }: { callId: Id; onAdded: () => void }) {
  const regions = useWaveformRegions();
  useAnnotationSync(callId);
  useRegionsFor(regions);
  useRegionGestures(regions, onAdded);
  useAddShortcut(onAdded);
  return null;
}
