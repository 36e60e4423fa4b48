/**
 * A review session run on the coach's laptop reaches a teammate's library
 * through the team folder once it is finished: the session, its item on the
 * call, the room's feedback (Situation–Behavior–Impact), live scores on the
 * teammate's own copy of the seeded rubric, the action item and the kudos.
 * It stays the sender's: the receiving library refuses to edit it, a removal
 * on the sender's side travels, and a file from someone else cannot change it.
 * Real libraries on temp folders, a real recording, the real reader.
 */
import { describe, expect, it } from 'vitest';
import type { Person, ReviewSession, SessionFeedback } from '../../../../src/shared/domain';
import { applySessions, collectSessions } from '../../../../src/main/core/sessions/team-folder';
import { actAs } from '../../../helpers/acting';
import { useTempDirs } from '../../../helpers/tmp';
import { refused } from '../coaching/helpers';
import { value } from '../packets/helpers';
import { coachReviewedCall, joinTeam, library, openTeamCore, personNamed } from './helpers';

const tempDir = useTempDirs();

const session = (core: ReturnType<typeof openTeamCore>, method: string, input: unknown) =>
  value<ReviewSession>(core.dispatch(`sessions.${method}`, input));

describe('team folder: review sessions', () => {
  it('a finished session and what the room captured arrive, stay the sender’s, and removals travel', async () => {
    const a = openTeamCore(tempDir('gamefilm-team-s-a-'));
    const b = openTeamCore(tempDir('gamefilm-team-s-b-'));
    const folder = tempDir('gamefilm-team-s-folder-');
    try {
      const { call, rep, coach } = await coachReviewedCall(a, tempDir('gamefilm-team-s-media-'));
      const pat = await value<Person>(a.dispatch('people.create', { name: 'Pat Peer', role: 'rep' }));
      await joinTeam(a, folder);
      const rubricId = (
        a.db.prepare(`SELECT id FROM rubrics WHERE name = 'Sales Call Fundamentals'`).get() as { id: string }
      ).id;

      let s = await session(a, 'create', {
        title: 'Monday game film',
        date: '2026-11-30',
        participantIds: [rep.id, coach.id, pat.id],
      });
      s = await session(a, 'addItem', { sessionId: s.id, kind: 'call', callId: call.id, rubricId, timeboxSec: 600 });
      const item = s.items[0];
      if (!item) throw new Error('no item');
      s = await session(a, 'updateItem', { id: item.id, presenterId: rep.id, reviewerIds: [pat.id] });
      s = await session(a, 'start', { id: s.id });
      const feedback = await value<SessionFeedback>(
        a.dispatch('sessions.addFeedback', {
          sessionId: s.id,
          itemId: item.id,
          authorId: pat.id,
          kind: 'strength',
          body: 'Let the silence work after the price',
          situation: 'Price objection at 12:40',
          behavior: 'Paused for four seconds',
          impact: 'The buyer named their budget',
          atSec: 6,
        }),
      );
      const firstCriterion = a.db
        .prepare(
          `SELECT k.id, k.position, k.name FROM rubric_criteria k JOIN session_items i ON i.rubric_version_id = k.rubric_version_id
           WHERE i.id = ? ORDER BY k.position LIMIT 1`,
        )
        .get(item.id) as { id: string; position: number; name: string };
      await session(a, 'setScore', { itemId: item.id, reviewerId: pat.id, criterionId: firstCriterion.id, score: 4 });
      const action = await value<{ id: string }>(
        a.dispatch('sessions.addActionItem', { sessionId: s.id, text: 'Send the ROI sheet', ownerId: rep.id }),
      );
      const badges = await value<Array<{ id: string }>>(a.dispatch('kudos.badges', undefined));
      const kudos = await value<{ id: string }>(
        a.dispatch('kudos.give', {
          giverId: pat.id,
          recipientId: rep.id,
          badgeId: badges[0]?.id,
          reason: 'Calm under a price push',
          sessionId: s.id,
          itemId: item.id,
        }),
      );

      // Running sessions stay home: only a finished one is the room's record.
      await a.team.flush();
      await joinTeam(b, folder);
      await b.team.scan();
      expect(b.db.prepare('SELECT count(*) AS n FROM review_sessions').get()).toEqual({ n: 0 });

      await session(a, 'finish', { id: s.id });
      await a.team.flush();
      await b.team.scan();

      const got = await session(b, 'get', { id: s.id });
      expect(got).toMatchObject({ title: 'Monday game film', date: '2026-11-30', status: 'finished' });
      expect(got.receivedFrom?.name).toBe('Cora Coach');
      expect(got.items).toHaveLength(1);
      expect(got.items[0]).toMatchObject({ id: item.id, callId: call.id, presenterId: rep.id });
      expect(got.participants.map((p) => p.personId).sort()).toEqual([rep.id, coach.id, pat.id].sort());
      expect(got.feedback.map((f) => [f.id, f.authorId, f.subjectId, f.situation, f.impact])).toEqual([
        [feedback.id, pat.id, rep.id, 'Price objection at 12:40', 'The buyer named their budget'],
      ]);
      expect(got.actionItems.map((x) => [x.id, x.text, x.ownerId])).toEqual([
        [action.id, 'Send the ROI sheet', rep.id],
      ]);
      expect(got.kudos.map((k) => [k.id, k.giverId, k.recipientId])).toEqual([[kudos.id, pat.id, rep.id]]);
      expect(b.db.prepare('SELECT count(*) AS n FROM notifications WHERE kudos_id = ?').get(kudos.id)).toEqual({
        n: 1,
      });
      // The live score lands on B's own copy of the seeded rubric (B seeded it with its own ids).
      const bCriterion = b.db
        .prepare(
          `SELECT k.id FROM rubric_criteria k JOIN rubric_versions v ON v.id = k.rubric_version_id
             JOIN rubrics r ON r.id = v.rubric_id
           WHERE r.name = 'Sales Call Fundamentals' AND k.position = ? AND k.name = ?`,
        )
        .all(firstCriterion.position, firstCriterion.name) as Array<{ id: string }>;
      expect(got.scores.map((x) => [x.reviewerId, x.score])).toEqual([[pat.id, 4]]);
      expect(bCriterion.map((c) => c.id)).toContain(got.scores[0]?.criterionId);
      // B is Ray's laptop: his page shows what the room said to him.
      const bRay = personNamed(b, 'Ray Rep');
      if (!bRay) throw new Error('Ray did not arrive');
      await actAs(b, bRay.id);
      const page = await value<{ fromSessions: Array<{ body: string; sessionTitle: string }> }>(
        b.dispatch('scorecards.forRep', { personId: rep.id }),
      );
      expect(page.fromSessions.map((f) => [f.body, f.sessionTitle])).toEqual([
        ['Let the silence work after the price', 'Monday game film'],
      ]);

      // B cannot edit a session run elsewhere; the refusal changes nothing.
      const before = library(b);
      await refused(
        b.dispatch('sessions.addFeedback', { sessionId: s.id, kind: 'improvement', body: 'Mine', authorId: bRay.id }),
        'forbidden',
      );
      await refused(b.dispatch('sessions.remove', { id: s.id }), 'forbidden');
      expect(library(b)).toEqual(before);
      // Reading the folder again changes nothing either.
      await b.team.rescan();
      expect(library(b)).toEqual(before);

      // A removes the feedback: the removal travels.
      await value(a.dispatch('sessions.removeFeedback', { id: feedback.id }));
      await a.team.flush();
      await b.team.scan();
      expect((await session(b, 'get', { id: s.id })).feedback).toEqual([]);

      // Someone else's file cannot rewrite it: the same record signed by another person is not applied.
      const [record] = collectSessions(a.db, { kind: 'call', id: call.id }, coach.id);
      if (!record) throw new Error('nothing collected');
      const forged = { ...record, session: { ...record.session, title: 'Forged' } };
      const changed = b.db.transaction(() =>
        applySessions(b.db, [forged], {
          signerId: bRay.id,
          personOf: (id) => id,
          subject: { kind: 'call', id: call.id },
        }),
      )();
      expect(changed).toEqual([]);
      expect((await session(b, 'get', { id: s.id })).title).toBe('Monday game film');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
  it('a deal review (no call, no attempt) travels in a file about whoever ran it, with its checklist notes', async () => {
    const a = openTeamCore(tempDir('gamefilm-team-d-a-'));
    const b = openTeamCore(tempDir('gamefilm-team-d-b-'));
    const folder = tempDir('gamefilm-team-d-folder-');
    try {
      const cora = await value<Person>(a.dispatch('people.create', { name: 'Cora Coach', role: 'coach' }));
      const ray = await value<Person>(a.dispatch('people.create', { name: 'Ray Rep', role: 'rep' }));
      await actAs(a, cora.id);
      await joinTeam(a, folder);
      let s = await session(a, 'create', { title: 'Pipeline review', date: '2026-12-01', participantIds: [ray.id] });
      s = await session(a, 'addItem', { sessionId: s.id, kind: 'deal', title: 'Acme renewal', presenterId: ray.id });
      const deal = s.items[0];
      if (!deal) throw new Error('no item');
      await session(a, 'setDealNote', { itemId: deal.id, topic: 'stakeholders', body: 'CFO joins the next call' });
      await session(a, 'start', { id: s.id });
      await value(
        a.dispatch('sessions.addFeedback', {
          sessionId: s.id,
          itemId: deal.id,
          authorId: cora.id,
          kind: 'improvement',
          body: 'Map the legal review before the close date',
        }),
      );
      await session(a, 'finish', { id: s.id });
      await a.team.flush();

      await joinTeam(b, folder);
      await b.team.scan();
      const got = await session(b, 'get', { id: s.id });
      expect(got.receivedFrom?.name).toBe('Cora Coach');
      expect(got.items.map((i) => [i.id, i.kind, i.title, i.callId, i.attemptId])).toEqual([
        [deal.id, 'deal', 'Acme renewal', null, null],
      ]);
      expect(got.items[0]?.dealNotes.stakeholders).toBe('CFO joins the next call');
      expect(got.feedback.map((f) => f.body)).toEqual(['Map the legal review before the close date']);
      expect(b.db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 0 });
      const once = library(b);
      await b.team.rescan();
      expect(library(b)).toEqual(once);

      // The same records in a file about someone else, or signed by someone else, are not taken.
      const records = collectSessions(a.db, { kind: 'person', id: cora.id }, cora.id);
      expect(records).toHaveLength(1);
      expect(collectSessions(a.db, { kind: 'person', id: ray.id }, cora.id)).toEqual([]);
      const bCora = personNamed(b, 'Cora Coach');
      const bRay = personNamed(b, 'Ray Rep');
      if (!bCora || !bRay) throw new Error('people did not arrive');
      const copy = records.map((r) => ({ ...r, session: { ...r.session, id: 'another-session' } }));
      const applyAs = (signerId: string, subjectId: string) =>
        b.db.transaction(() =>
          applySessions(b.db, copy, { signerId, personOf: (id) => id, subject: { kind: 'person', id: subjectId } }),
        )();
      const before = library(b);
      // Ray's key on a file about Cora: refused, nothing written.
      expect(applyAs(bRay.id, bCora.id)).toEqual([]);
      expect(library(b)).toEqual(before);
      // In a file about himself it would be his own session, sent by him.
      expect(applyAs(bRay.id, bRay.id)).toEqual(['another-session']);
      expect(b.db.prepare('SELECT owner_id FROM team_sessions WHERE session_id = ?').get('another-session')).toEqual({
        owner_id: bRay.id,
      });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
