import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../src/main/core';
import { previousPeriod, rank, streaks } from '../../../../src/main/core/recognition/boards';
import type { Entry } from '../../../../src/main/core/recognition/boards';
import type { Board, Boards, Person, Settings, TeamGoal } from '../../../../src/shared/domain';
import { as } from '../../../helpers/acting';
import { count, insertCall, person, refused, value, withCore } from '../coaching/helpers';
import { firstDrill, insertAttempt, submitScores } from './helpers';

const today = new Date().toISOString().slice(0, 10);
const JUNE = { from: '2026-06-01', to: '2026-06-30' };

const entry = (name: string, figure: number, id = name): Entry => ({ personId: id, name, figure, row: {} });

async function turnOn(core: Core, coach: Person): Promise<void> {
  await value(as(core, coach.id)('settings.update', { leaderboards: true }));
}

const boardOf = (b: Boards, kind: Board['kind']): Board => b.boards.find((x) => x.kind === kind)!;

/** Submitted self-reviews by `who` on calls of theirs dated `day`, one per score. */
function selfScored(core: Core, who: Person, day: string, scores: number[]): string[] {
  return scores.map((s) => {
    const callId = insertCall(core, { repId: who.id, callDate: day });
    submitScores(core, { callId }, who.id, s, { submittedAt: `${day}T12:00:00.000Z` });
    return callId;
  });
}

describe('ranking rules', () => {
  it('ties share a labelled position, ordered by name then id; positions skip after a tie', () => {
    const r = rank(
      [entry('Zoe', 3), entry('ann', 5), entry('Bob', 3, 'b2'), entry('Bob', 3, 'b1'), entry('Cy', 1)],
      'x',
    );
    expect(r.all.map((x) => [x.name, x.personId, x.position, x.label])).toEqual([
      ['ann', 'ann', 1, '1st'],
      ['Bob', 'b1', 2, 'tied 2nd'],
      ['Bob', 'b2', 2, 'tied 2nd'],
      ['Zoe', 'Zoe', 2, 'tied 2nd'],
      ['Cy', 'Cy', 5, '5th'],
    ]);
    // Cy is the bottom place: nobody else sees it, Cy does.
    expect(r.shown.map((x) => x.name)).toEqual(['ann', 'Bob', 'Bob', 'Zoe']);
    expect(
      rank(
        r.all.map((x) => entry(x.name, x.position === 5 ? 1 : 2, x.personId)),
        'Cy',
      ).shown.at(-1),
    ).toMatchObject({
      name: 'Cy',
      you: true,
      label: '5th',
    });
  });

  it('shows the top five plus "you": a rep ranked 7th sees their own row, another rep does not', () => {
    const entries = Array.from({ length: 9 }, (_, i) => entry(`Rep ${i + 1}`, 100 - i, `r${i + 1}`));
    const seventh = rank(entries, 'r7');
    expect(seventh.shown.map((x) => x.label)).toEqual(['1st', '2nd', '3rd', '4th', '5th', '7th']);
    expect(seventh.you).toMatchObject({ name: 'Rep 7', position: 7, you: true });
    const first = rank(entries, 'r1');
    expect(first.shown.map((x) => x.personId)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(first.shown.some((x) => x.personId === 'r7')).toBe(false);
    // A small team: the last place is not shown to others even inside the top five; all tied first is no bottom.
    expect(rank([entry('A', 2), entry('B', 1)], 'A').shown.map((x) => x.name)).toEqual(['A']);
    expect(rank([entry('A', 2), entry('B', 2)], 'A').shown.map((x) => x.label)).toEqual(['tied 1st', 'tied 1st']);
  });

  it('counts streaks of days in a row, and the one still going', () => {
    expect(streaks(['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-05', '2026-06-06'], '2026-06-07')).toEqual({
      longest: 3,
      current: 2,
    });
    expect(streaks(['2026-06-01'], '2026-06-07')).toEqual({ longest: 1, current: 0 });
  });

  it('compares a whole month with the month before, any other period with the same number of days before it', () => {
    expect(previousPeriod(JUNE)).toEqual({ from: '2026-05-01', to: '2026-05-31' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-06-11', to: '2026-06-20' })).toEqual({ from: '2026-06-01', to: '2026-06-10' });
  });
});

describe('recognition.boards', () => {
  it(
    'is off by default: no ranking, the team goal still shows; only a coach switches it, and it is stored',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const cora = await person(core, 'Cora', 'coach');
      selfScored(core, ray, '2026-05-10', [2, 2, 2]);
      selfScored(core, ray, '2026-06-10', [4, 4, 4]);
      const off = await value<Boards>(as(core, ray.id)('recognition.boards', JUNE));
      expect(off).toMatchObject({ enabled: false, boards: [], teamGoal: null, canManage: false });

      const message = await refused(as(core, ray.id)('settings.update', { leaderboards: true }), 'forbidden');
      expect(message).toBe('Only a coach or admin can turn the leaderboards on or off.');
      expect(count(core, "settings WHERE key = 'leaderboards'")).toBe(0);
      await refused(
        core
          .dispatch('people.setMe', { id: null })
          .then(() => core.dispatch('settings.update', { leaderboards: true })),
        'no_actor',
      );

      const settings = await value<Settings>(as(core, cora.id)('settings.update', { leaderboards: true }));
      expect(settings.leaderboards).toBe(true);
      expect(
        core.db.prepare(`SELECT value FROM settings WHERE key = 'leaderboards'`).get() as { value: string },
      ).toEqual({ value: 'true' });
      const on = await value<Boards>(as(core, ray.id)('recognition.boards', JUNE));
      expect(on.enabled).toBe(true);
      expect(boardOf(on, 'most_improved').you).toMatchObject({ improvement: 2, averageNow: 4, averageBefore: 2 });
      // Anyone may still change the rest of Settings.
      await value(as(core, ray.id)('settings.update', { backupsToKeep: 7 }));
    }),
  );

  it(
    'most improved: each person against their own baseline, from submitted scores they may see; small samples are not ranked',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const pia = await person(core, 'Pia');
      const otto = await person(core, 'Otto');
      const tess = await person(core, 'Tess');
      const cora = await person(core, 'Cora', 'coach');
      await turnOn(core, cora);
      selfScored(core, ray, '2026-05-03', [2, 2, 2]);
      const rayJune = selfScored(core, ray, '2026-06-03', [3, 3, 3]);
      selfScored(core, pia, '2026-05-04', [3, 3, 3, 3]);
      selfScored(core, pia, '2026-06-04', [4, 4, 4]);
      selfScored(core, tess, '2026-05-05', [4, 4, 4]);
      selfScored(core, tess, '2026-06-05', [3, 3, 4]);
      selfScored(core, otto, '2026-05-06', [1, 1, 1]);
      selfScored(core, otto, '2026-06-06', [5, 5]);

      const asPia = await value<Boards>(as(core, pia.id)('recognition.boards', JUNE));
      expect(asPia).toMatchObject({
        from: '2026-06-01',
        to: '2026-06-30',
        baselineFrom: '2026-05-01',
        baselineTo: '2026-05-31',
      });
      const board = boardOf(asPia, 'most_improved');
      // Ray and Pia both +1: tied first, by name. Tess went down and is the bottom place: not shown to Pia.
      expect(board.rows.map((r) => [r.name, r.label, r.improvement])).toEqual([
        ['Pia', 'tied 1st', 1],
        ['Ray', 'tied 1st', 1],
      ]);
      expect(board.rankedCount).toBe(3);
      // Others' averages are never on the board; the viewer's own are.
      expect(board.rows.find((r) => r.name === 'Ray')).not.toHaveProperty('averageNow', expect.anything());
      expect(board.you).toMatchObject({
        name: 'Pia',
        averageNow: 4,
        averageBefore: 3,
        scorecardsNow: 3,
        scorecardsBefore: 4,
      });
      expect(board.unranked).toEqual([
        { personId: otto.id, name: 'Otto', you: false, label: 'not ranked: too few scores (2 this period, 3 before)' },
      ]);
      const asTess = boardOf(await value<Boards>(as(core, tess.id)('recognition.boards', JUNE)), 'most_improved');
      expect(asTess.rows.at(-1)).toMatchObject({ name: 'Tess', label: '3rd', improvement: -0.67, you: true });
      const asOtto = boardOf(await value<Boards>(as(core, otto.id)('recognition.boards', JUNE)), 'most_improved');
      expect(asOtto.you).toBeNull();
      expect(asOtto.youUnranked?.label).toContain('too few scores');

      // The blind rule: a coach's 5s on Ray's calls he has not reviewed himself, and a draft, move nothing.
      for (let i = 0; i < 3; i++) {
        const callId = insertCall(core, { repId: ray.id, callDate: '2026-06-07' });
        submitScores(core, { callId }, cora.id, 5, { kind: 'coach', submittedAt: '2026-06-07T12:00:00.000Z' });
      }
      const draft = selfScored(core, ray, '2026-06-08', [1])[0]!;
      core.db.prepare(`UPDATE scorecards SET status = 'draft', submitted_at = NULL WHERE call_id = ?`).run(draft);
      const still = boardOf(await value<Boards>(as(core, pia.id)('recognition.boards', JUNE)), 'most_improved');
      expect(still.rows.map((r) => [r.name, r.improvement])).toEqual([
        ['Pia', 1],
        ['Ray', 1],
      ]);
      // Once Ray may see a coach's score (he reviewed that call too), it counts for him.
      submitScores(core, { callId: rayJune[0]! }, cora.id, 5, {
        kind: 'coach',
        submittedAt: '2026-06-09T12:00:00.000Z',
      });
      const after = boardOf(await value<Boards>(as(core, ray.id)('recognition.boards', JUNE)), 'most_improved');
      expect(after.rows[0]).toMatchObject({ name: 'Ray', label: '1st', improvement: 1.5, averageNow: 3.5, you: true });
      // Ray's trend: May against April (no scores then), so he was not ranked.
      expect(after.trend).toEqual({ previousLabel: null, previousPosition: null, previousFigure: null });

      // A removed person leaves the boards.
      await value(as(core, cora.id)('people.remove', { id: pia.id }));
      const without = boardOf(await value<Boards>(as(core, ray.id)('recognition.boards', JUNE)), 'most_improved');
      expect(without.rows.map((r) => r.name)).toEqual(['Ray']);
      expect(without.rankedCount).toBe(2);
    }),
  );

  it(
    'practice consistency: the longest run of days with a kept attempt in the period, with the trend against the period before',
    withCore(async (core) => {
      const cora = await person(core, 'Cora', 'coach');
      await turnOn(core, cora);
      const drill = firstDrill(core);
      const reps: Person[] = [];
      // Rep 1 practises 9 days in a row, rep 2 eight, … rep 8 two: one ranking with no ties.
      for (let i = 1; i <= 8; i++) {
        const rep = await person(core, `Rep ${i}`);
        reps.push(rep);
        for (let d = 0; d < 10 - i; d++)
          insertAttempt(core, drill.id, rep.id, `2026-06-${String(1 + d).padStart(2, '0')}T09:00:00.000Z`);
      }
      // A removed attempt breaks nothing, a deleted one counts for nothing.
      const gone = insertAttempt(core, drill.id, reps[7]!.id, '2026-06-20T09:00:00.000Z');
      core.db.prepare(`UPDATE attempts SET deleted_at = ? WHERE id = ?`).run('2026-06-21T00:00:00.000Z', gone);
      // Last month rep 7 was first.
      insertAttempt(core, drill.id, reps[6]!.id, '2026-05-30T09:00:00.000Z');
      insertAttempt(core, drill.id, reps[6]!.id, '2026-05-31T09:00:00.000Z');

      const seventh = boardOf(await value<Boards>(as(core, reps[6]!.id)('recognition.boards', JUNE)), 'consistency');
      expect(seventh.rows.map((r) => r.label)).toEqual(['1st', '2nd', '3rd', '4th', '5th', '7th']);
      expect(seventh.you).toMatchObject({
        name: 'Rep 7',
        position: 7,
        longestStreakDays: 3,
        daysPractised: 3,
        you: true,
      });
      expect(seventh.trend).toEqual({ previousLabel: '1st', previousPosition: 1, previousFigure: 2 });
      const first = boardOf(await value<Boards>(as(core, reps[0]!.id)('recognition.boards', JUNE)), 'consistency');
      expect(first.rows.map((r) => r.name)).toEqual(['Rep 1', 'Rep 2', 'Rep 3', 'Rep 4', 'Rep 5']);
      expect(JSON.stringify(first)).not.toContain(reps[6]!.id);
      expect(JSON.stringify(first)).not.toContain(reps[7]!.id);
      // The run still going on the period's last day (or the day before it).
      const tenDays = { from: '2026-06-01', to: '2026-06-09' };
      const short = boardOf(await value<Boards>(as(core, reps[0]!.id)('recognition.boards', tenDays)), 'consistency');
      expect(short.you).toMatchObject({ longestStreakDays: 9, currentStreakDays: 9 });
      expect(short.trend?.previousFigure).toBeNull();
    }),
  );

  it(
    'peer help: reviews given, kudos given and feedback on others’ calls; not on one’s own calls nor the sample call',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const pia = await person(core, 'Pia');
      const cora = await person(core, 'Cora', 'coach');
      await turnOn(core, cora);
      const raysCall = insertCall(core, { repId: ray.id });
      const piasCall = insertCall(core, { repId: pia.id });
      const sample = insertCall(core, { repId: ray.id });
      core.db.prepare(`UPDATE calls SET is_sample = 1 WHERE id = ?`).run(sample);
      submitScores(core, { callId: raysCall }, pia.id, 3, { kind: 'peer' });
      submitScores(core, { callId: raysCall }, cora.id, 3, { kind: 'coach' });
      submitScores(core, { callId: piasCall }, pia.id, 3, { kind: 'self' });
      submitScores(core, { callId: sample }, pia.id, 3, { kind: 'peer' });
      for (const callId of [raysCall, piasCall, sample])
        await value(as(core, pia.id)('annotations.create', { callId, startSec: 1, body: 'Nice pause' }));
      await value(as(core, pia.id)('recognition.give', { recipientId: ray.id, message: 'Great reframe' }));
      await value(as(core, ray.id)('recognition.give', { recipientId: pia.id, message: 'Thanks for the review' }));

      const board = boardOf(await value<Boards>(as(core, ray.id)('recognition.boards')), 'peer_help');
      expect(
        board.rows.map((r) => [r.name, r.label, r.reviewsGiven, r.kudosGiven, r.feedbackWritten, r.helpCount]),
      ).toEqual([
        ['Pia', '1st', 1, 1, 1, 3],
        ['Ray', 'tied 2nd', 0, 1, 0, 1],
      ]);
      expect(board.rankedCount).toBe(3);
      const asPia = boardOf(await value<Boards>(as(core, pia.id)('recognition.boards')), 'peer_help');
      // Cora (one review) and Ray (one kudos) tie for 2nd: that is the bottom place, so Pia sees herself alone.
      expect(asPia.rows.map((r) => r.name)).toEqual(['Pia']);
    }),
  );

  it(
    'the team goal: set by a coach, moved by everyone’s kept attempts, with each person’s share; bad input changes nothing',
    withCore(async (core) => {
      const ray = await person(core, 'Ray');
      const pia = await person(core, 'Pia');
      const cora = await person(core, 'Cora', 'coach');
      const drill = firstDrill(core);
      const month = { from: `${today.slice(0, 7)}-01`, to: today };
      const end = `${today.slice(0, 7)}-28` < today ? today : `${today.slice(0, 7)}-28`;

      const message = await refused(
        as(core, ray.id)('recognition.setTeamGoal', { target: 50, startDate: month.from, endDate: end }),
        'forbidden',
      );
      expect(message).toBe('Only a coach or admin can set the team goal.');
      const goal = await value<TeamGoal>(
        as(core, cora.id)('recognition.setTeamGoal', { target: 4, startDate: month.from, endDate: end }),
      );
      expect(goal).toMatchObject({ target: 4, total: 0, fraction: 0, reached: false, setByName: 'Cora' });

      const now = new Date().toISOString();
      insertAttempt(core, drill.id, ray.id, now);
      insertAttempt(core, drill.id, ray.id, now);
      insertAttempt(core, drill.id, pia.id, now);
      // Boards are off: the team goal shows all the same.
      const seen = await value<Boards>(as(core, pia.id)('recognition.boards'));
      expect(seen.enabled).toBe(false);
      expect(seen.teamGoal).toMatchObject({ id: goal.id, total: 3, fraction: 0.75, reached: false });
      expect(seen.teamGoal?.shares).toEqual([
        { personId: pia.id, name: 'Pia', count: 1, percent: 33.3, you: true },
        { personId: ray.id, name: 'Ray', count: 2, percent: 66.7, you: false },
      ]);
      // Cora has no attempts: her share is shown to her as 0.
      const coraView = await value<Boards>(as(core, cora.id)('recognition.boards'));
      expect(coraView.teamGoal?.shares.at(-1)).toMatchObject({ name: 'Cora', count: 0, you: true });
      expect(coraView.canManage).toBe(true);

      // Edit: a new target.
      const edited = await value<TeamGoal>(
        as(core, cora.id)('recognition.setTeamGoal', { id: goal.id, target: 3, startDate: month.from, endDate: end }),
      );
      expect(edited).toMatchObject({ id: goal.id, target: 3, reached: true, fraction: 1 });

      // Bad input: an overlapping second goal, a period already over, a zero target, an unknown goal.
      const goalsBefore = core.db.prepare(`SELECT * FROM goals ORDER BY id`).all();
      expect(
        await refused(
          as(core, cora.id)('recognition.setTeamGoal', { target: 10, startDate: month.from, endDate: end }),
          'invalid_input',
        ),
      ).toContain('There is already a team goal from');
      expect(
        await refused(
          as(core, cora.id)('recognition.setTeamGoal', { target: 10, startDate: '2020-01-01', endDate: '2020-01-31' }),
          'invalid_input',
        ),
      ).toContain('already over');
      expect(
        await refused(
          as(core, cora.id)('recognition.setTeamGoal', { target: 0, startDate: month.from, endDate: end }),
          'invalid_input',
        ),
      ).toContain('at least 1');
      await refused(
        as(core, cora.id)('recognition.setTeamGoal', { id: ray.id, target: 3, startDate: month.from, endDate: end }),
        'not_found',
      );
      await refused(as(core, pia.id)('recognition.removeTeamGoal', { id: goal.id }), 'forbidden');
      expect(core.db.prepare(`SELECT * FROM goals ORDER BY id`).all()).toEqual(goalsBefore);

      await value(as(core, cora.id)('recognition.removeTeamGoal', { id: goal.id }));
      expect((await value<Boards>(as(core, pia.id)('recognition.boards'))).teamGoal).toBeNull();
      // The team goal is nobody's personal goal.
      expect(count(core, 'goals WHERE person_id IS NOT NULL')).toBe(0);
    }),
  );
});
