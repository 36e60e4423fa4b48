import { as } from '../../../helpers/acting';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../../src/main/core';
import type { Core } from '../../../../src/main/core';
import type {
  ActionItem,
  ReviewSession,
  ReviewSessionSummary,
  SessionFeedback,
  SessionSummary,
  SessionTemplate,
} from '../../../../src/shared/domain';
import { playbackPositionSec, timerElapsedMs } from '../../../../src/shared/domain';
import type { RepPage } from '../../../../src/shared/domain';
import { useTempDirs } from '../../../helpers/tmp';
import { insertAttempt, insertCall, person, record, refused, session, value, withCore } from './helpers';

const tempDir = useTempDirs();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A team of three, a call by Ana, and a session from the weekly template with its slots filled. */
async function weeklySession(core: Core) {
  const ana = await person(core, 'Ana Rep');
  const ben = await person(core, 'Ben Rep');
  const cy = await person(core, 'Cy Coach', 'coach');
  const callId = insertCall(core, { repId: ana.id, durationSec: 300, title: 'Acme discovery' });
  const attemptId = insertAttempt(core, { personId: ben.id, durationSec: 40 });
  let s = await session(core, 'create', {
    title: 'Week 12 review',
    date: '2026-03-20',
    participantIds: [ana.id, ben.id, cy.id],
    templateKey: 'weekly-call-review',
  });
  const [clip1, clip2, drill] = s.items;
  s = await session(core, 'updateItem', { id: clip1!.id, callId, startSec: 10, endSec: 40 });
  s = await session(core, 'updateItem', { id: clip2!.id, callId, startSec: 120, endSec: 150 });
  s = await session(core, 'updateItem', { id: drill!.id, attemptId });
  return { ana, ben, cy, callId, attemptId, s };
}

describe('sessions and agenda', () => {
  it(
    'lists the shipped templates',
    withCore(async (core) => {
      const templates = await value<SessionTemplate[]>(core.dispatch('sessions.templates', undefined));
      expect(templates.map((t) => t.key)).toEqual(['weekly-call-review', 'deal-dissection', 'objection-drill-off']);
      expect(templates[0]!.items.map((i) => i.kind)).toEqual(['clip', 'clip', 'attempt']);
    }),
  );

  it(
    'builds an agenda from a template and fills its slots with defaults from the subject',
    withCore(async (core) => {
      const { ana, ben, cy, callId, attemptId, s } = await weeklySession(core);
      expect(s.participants.map((p) => p.name)).toEqual(['Ana Rep', 'Ben Rep', 'Cy Coach']);
      expect(s.items.map((i) => [i.kind, i.title, i.timeboxSec, i.ready])).toEqual([
        ['clip', 'Clip of the week', 600, true],
        ['clip', 'A moment to learn from', 600, true],
        ['attempt', 'Drill showcase', 300, true],
      ]);
      const [clip, , drill] = s.items;
      // The call's rep presents the clip, the attempt's rep the drill; both are scored on a rubric.
      expect(clip).toMatchObject({
        callId,
        callTitle: 'Acme discovery',
        startSec: 10,
        endSec: 40,
        presenterId: ana.id,
      });
      expect(clip!.media).toMatchObject({ durationSec: 300 });
      expect(clip!.criteria.length).toBeGreaterThanOrEqual(4);
      expect(drill).toMatchObject({ attemptId, presenterId: ben.id });
      expect(drill!.attemptTitle).toContain('Ben Rep');
      expect(drill!.rubricId).not.toBeNull();

      const list = await value<ReviewSessionSummary[]>(core.dispatch('sessions.list', undefined));
      expect(list).toEqual([
        expect.objectContaining({ title: 'Week 12 review', itemCount: 3, participantCount: 3, plannedSec: 1500 }),
      ]);

      // Dropping a participant clears the roles they held.
      const after = await session(core, 'update', { id: s.id, participantIds: [ben.id, cy.id] });
      expect(after.items[0]!.presenterId).toBeNull();
      expect(after.participants.map((p) => p.personId)).toEqual([ben.id, cy.id]);
    }),
  );

  it(
    'refuses bad agenda input with clear messages',
    withCore(async (core) => {
      const { s, callId } = await weeklySession(core);
      const outsider = await person(core, 'Olga Outsider');
      const clip = s.items[0]!;
      expect(
        await refused(core.dispatch('sessions.updateItem', { id: clip.id, endSec: 900 }), 'invalid_input'),
      ).toMatch(/past the end of the call/);
      expect(
        await refused(core.dispatch('sessions.updateItem', { id: clip.id, startSec: 50, endSec: 20 }), 'invalid_input'),
      ).toMatch(/end after it starts/);
      expect(
        await refused(core.dispatch('sessions.updateItem', { id: clip.id, presenterId: outsider.id }), 'invalid_input'),
      ).toMatch(/Olga Outsider is not a participant/);
      const deal = await session(core, 'addItem', { sessionId: s.id, kind: 'deal', title: 'Globex renewal' });
      expect(
        await refused(core.dispatch('sessions.updateItem', { id: deal.items[3]!.id, callId }), 'invalid_input'),
      ).toMatch(/Only call clips and whole calls/);
    }),
  );

  it(
    'reorders, removes and keeps deal-review notes',
    withCore(async (core) => {
      const { s } = await weeklySession(core);
      let next = await session(core, 'addItem', {
        sessionId: s.id,
        kind: 'deal',
        title: 'Globex renewal',
        timeboxSec: 900,
      });
      const deal = next.items.at(-1)!;
      next = await session(core, 'moveItem', { id: deal.id, position: 0 });
      expect(next.items.map((i) => i.title)).toEqual([
        'Globex renewal',
        'Clip of the week',
        'A moment to learn from',
        'Drill showcase',
      ]);
      next = await session(core, 'setDealNote', {
        itemId: deal.id,
        topic: 'stakeholders',
        body: 'CFO signs; IT vetoes',
      });
      expect(next.items[0]!.dealNotes).toEqual({
        qualification: '',
        stakeholders: 'CFO signs; IT vetoes',
        objections: '',
        next_steps: '',
      });
      next = await session(core, 'removeItem', { id: next.items[2]!.id });
      expect(next.items.map((i) => [i.position, i.title])).toEqual([
        [0, 'Globex renewal'],
        [1, 'Clip of the week'],
        [2, 'Drill showcase'],
      ]);
    }),
  );

  it(
    'will not start while a slot has no subject',
    withCore(async (core) => {
      const ana = await person(core, 'Ana Rep');
      const s = await session(core, 'create', {
        title: 'Drill-off',
        date: '2026-03-20',
        participantIds: [ana.id],
        templateKey: 'objection-drill-off',
      });
      expect(await refused(core.dispatch('sessions.start', { id: s.id }), 'invalid_input')).toBe(
        '“Round 1” has no drill attempt yet; choose one or remove the item.',
      );
    }),
  );

  it(
    'moves to the trash and back',
    withCore(async (core) => {
      const { s } = await weeklySession(core);
      const events = record(core, 'sessions.changed');
      await value(core.dispatch('sessions.remove', { id: s.id }));
      expect(await value<ReviewSessionSummary[]>(core.dispatch('sessions.list', undefined))).toEqual([]);
      await refused(core.dispatch('sessions.get', { id: s.id }), 'not_found');
      await session(core, 'restore', { id: s.id });
      expect(events.map((e) => e.reason)).toEqual(['removed', 'details']);
    }),
  );
});

describe('running a session', () => {
  it(
    'walks the agenda: timers hand over, playback resets per item, every step is announced',
    withCore(async (core) => {
      const { s } = await weeklySession(core);
      const events = record(core, 'sessions.changed');
      let live = await session(core, 'start', { id: s.id });
      const [first, second] = live.items;
      expect(live).toMatchObject({ status: 'running', currentItemId: first!.id });
      expect(live.items[0]!.timer.startedAt).not.toBeNull();
      expect(live.playback).toMatchObject({ playing: false, positionSec: 10 });

      live = await session(core, 'setPlayback', { sessionId: s.id, playing: true, positionSec: 12.5 });
      expect(live.playback).toMatchObject({ playing: true, positionSec: 12.5 });
      expect(playbackPositionSec(live.playback, Date.parse(live.playback.at!) + 2000)).toBeCloseTo(14.5);

      await sleep(30);
      live = await session(core, 'goTo', { sessionId: s.id, to: 'next' });
      expect(live.currentItemId).toBe(second!.id);
      expect(live.items[0]!.timer.startedAt).toBeNull();
      expect(live.items[0]!.timer.accumulatedMs).toBeGreaterThanOrEqual(25);
      expect(live.items[1]!.timer.startedAt).not.toBeNull();
      expect(live.playback).toMatchObject({ playing: false, positionSec: 120 });

      live = await session(core, 'setTimer', { sessionId: s.id, running: false });
      expect(live.items[1]!.timer.startedAt).toBeNull();
      live = await session(core, 'goTo', { sessionId: s.id, to: 'previous' });
      // The timer was stopped, so it stays stopped on the item we went back to.
      expect(live.items[0]!.timer.startedAt).toBeNull();
      expect(await refused(core.dispatch('sessions.goTo', { sessionId: s.id, to: 'previous' }), 'invalid_input')).toBe(
        'This is the first item.',
      );
      expect(events.map((e) => e.reason)).toEqual(['status', 'live', 'live', 'live', 'live']);
    }),
  );

  it(
    'an item flicked past in under a second is not covered and does not count as presented',
    withCore(async (core) => {
      const { s, ana, ben } = await weeklySession(core);
      let live = await session(core, 'start', { id: s.id });
      await session(core, 'update', { id: s.id, participantIds: [ana.id, ben.id] });
      const [first, second, third] = live.items;
      // The first item was on screen long enough (its first showing put back two seconds).
      core.db
        .prepare(`UPDATE session_items SET covered_at = ? WHERE id = ?`)
        .run(new Date(Date.now() - 2_000).toISOString(), first!.id);
      live = await session(core, 'goTo', { sessionId: s.id, to: 'next' });
      live = await session(core, 'goTo', { sessionId: s.id, to: 'next' });
      expect(live.currentItemId).toBe(third!.id);
      const byId = new Map(live.items.map((i) => [i.id, i]));
      expect(byId.get(first!.id)!.coveredAt).not.toBeNull();
      expect(byId.get(second!.id)!.coveredAt).toBeNull();
      await session(core, 'finish', { id: s.id });
      const summary = await value<SessionSummary>(core.dispatch('sessions.summary', { id: s.id }));
      expect(summary.items.map((i) => i.covered)).toEqual([true, false, true]);
      // Presenting counts only the covered items (the first and the third).
      const presentedOf = (id: string) => [first, third].filter((i) => i!.presenterId === id).length;
      expect(second!.presenterId).not.toBeNull();
      for (const p of summary.people) expect(p.presented).toBe(presentedOf(p.personId));
    }),
  );

  it('keeps the item, the timers and playback across a restart of the core', async () => {
    const dataDir = tempDir('gamefilm-sessions-');
    const first = createCore({ dataDir, shell: 'web' });
    let before: ReviewSession;
    try {
      const { s } = await weeklySession(first);
      await session(first, 'start', { id: s.id });
      await sleep(20);
      await session(first, 'goTo', { sessionId: s.id, to: 'next' });
      await session(first, 'setPlayback', { sessionId: s.id, playing: true, positionSec: 125 });
      await sleep(40);
      before = await session(first, 'get', { id: s.id });
    } finally {
      await first.close();
    }

    const again = createCore({ dataDir, shell: 'web' });
    try {
      const after = await session(again, 'get', { id: before.id });
      expect(after.currentItemId).toBe(before.currentItemId);
      expect(after.items.map((i) => i.timer)).toEqual(before.items.map((i) => i.timer));
      expect(after.playback).toEqual(before.playback);
      const running = after.items[1]!;
      expect(running.timer.startedAt).not.toBeNull();
      // The clock kept going while the core was down: elapsed only grows.
      expect(timerElapsedMs(running.timer, Date.now())).toBeGreaterThanOrEqual(40);
      expect(after.items[0]!.timer.accumulatedMs).toBeGreaterThanOrEqual(15);
      const stopped = await session(again, 'setTimer', { sessionId: before.id, running: false });
      expect(stopped.items[1]!.timer.accumulatedMs).toBeGreaterThanOrEqual(40);
    } finally {
      await again.close();
    }
  });

  it(
    'captures feedback, action items and scores, and sums them up after finishing',
    withCore(async (core) => {
      const { s, ana, ben, cy } = await weeklySession(core);
      const events = record(core, 'actionItems.changed');
      let live = await session(core, 'start', { id: s.id });
      live = await session(core, 'update', { id: s.id, participantIds: [ana.id, ben.id, cy.id] });
      live = await session(core, 'updateItem', {
        id: live.items[0]!.id,
        reviewerIds: [ben.id, cy.id],
        facilitatorId: cy.id,
      });

      const feedback = await value<SessionFeedback>(
        core.dispatch('sessions.addFeedback', {
          sessionId: s.id,
          authorId: ben.id,
          kind: 'strength',
          body: 'Named the budget owner early',
          behavior: 'Asked who signs',
          atSec: 22,
        }),
      );
      expect(feedback).toMatchObject({ subjectId: ana.id, subjectName: 'Ana Rep', authorName: 'Ben Rep', atSec: 22 });
      const action = await value<ActionItem>(
        core.dispatch('sessions.addActionItem', {
          sessionId: s.id,
          text: 'Practise the budget question',
          dueDate: '2026-03-27',
        }),
      );
      expect(action).toMatchObject({ ownerId: ana.id, scorecardId: null, dueDate: '2026-03-27' });
      expect(events).toEqual([{ ids: [action.id] }]);
      // The same table as scorecard action items: the rep page shows it as open.
      const rep = await value<RepPage>(as(core, ana.id)('scorecards.forRep', { personId: ana.id }));
      expect(rep.openActionItems.map((i) => i.text)).toContain('Practise the budget question');

      const criterion = live.items[0]!.criteria[0]!;
      live = await session(core, 'setScore', {
        itemId: live.items[0]!.id,
        reviewerId: ben.id,
        criterionId: criterion.id,
        score: 4,
      });
      live = await session(core, 'setScore', {
        itemId: live.items[0]!.id,
        reviewerId: cy.id,
        criterionId: criterion.id,
        score: 3,
      });
      expect(live.scores).toHaveLength(2);
      expect(
        await refused(
          core.dispatch('sessions.setScore', {
            itemId: live.items[0]!.id,
            reviewerId: cy.id,
            criterionId: s.id,
            score: 3,
          }),
          'invalid_input',
        ),
      ).toMatch(/not on this item’s rubric/);

      await sleep(20);
      await session(core, 'setAttendance', { sessionId: s.id, personId: ben.id, attended: true });
      const finished = await session(core, 'finish', { id: s.id });
      expect(finished.status).toBe('finished');
      expect(finished.items.every((i) => i.timer.startedAt === null)).toBe(true);

      const summary = await value<SessionSummary>(core.dispatch('sessions.summary', { id: s.id }));
      expect(summary.items.map((i) => i.covered)).toEqual([true, false, false]);
      expect(summary.items[0]!.spentSec).toBeGreaterThanOrEqual(0);
      expect(summary.items[0]!.scores).toEqual([{ criterionName: criterion.name, mean: 3.5, count: 2 }]);
      expect(summary.plannedSec).toBe(1500);
      const byName = Object.fromEntries(summary.people.map((p) => [p.name, p]));
      expect(byName['Ana Rep']).toMatchObject({ attended: true, presented: 1, reviewed: 0 });
      expect(byName['Ana Rep']!.feedback.map((f) => f.body)).toEqual(['Named the budget owner early']);
      expect(byName['Ben Rep']).toMatchObject({ presented: 0, reviewed: 1 });
      expect(byName['Cy Coach']).toMatchObject({ reviewed: 1, facilitated: 1 });
      expect(summary.actionItems).toEqual([
        expect.objectContaining({ text: 'Practise the budget question', ownerName: 'Ana Rep' }),
      ]);

      const html = await value<{ fileName: string; content: string }>(
        core.dispatch('sessions.exportHtml', { id: s.id }),
      );
      expect(html.fileName).toBe('week-12-review-2026-03-20.html');
      expect(html.content).toContain('Named the budget owner early');
      expect(html.content).toContain('Practise the budget question');
      expect(html.content).not.toMatch(/<script|src=|href=/);
      // A CSP of its own: no script may run in it, nothing may be fetched.
      expect(html.content).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
      );
    }),
  );

  it(
    'escapes what people typed in the exported page',
    withCore(async (core) => {
      const { s } = await weeklySession(core);
      await session(core, 'start', { id: s.id });
      await value(
        core.dispatch('sessions.addFeedback', {
          sessionId: s.id,
          kind: 'improvement',
          body: '<img src=x onerror=alert(1)>',
        }),
      );
      const html = await value<{ content: string }>(core.dispatch('sessions.exportHtml', { id: s.id }));
      expect(html.content).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html.content).not.toContain('<img');
    }),
  );

  it('asks the shell for a presenter window when it has one', async () => {
    const opened: string[] = [];
    await withCore(async (core) => {
      const { s } = await weeklySession(core);
      expect(await value(core.dispatch('sessions.openPresenter', { sessionId: s.id }))).toEqual({ opened: false });
    })();
    const core = createCore({ dataDir: tempDir(), shell: 'electron', openPresenter: (id) => opened.push(id) });
    try {
      const { s } = await weeklySession(core);
      expect(await value(core.dispatch('sessions.openPresenter', { sessionId: s.id }))).toEqual({ opened: true });
      expect(opened).toEqual([s.id]);
    } finally {
      await core.close();
    }
  });
});
