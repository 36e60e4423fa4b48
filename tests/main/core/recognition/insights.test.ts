import { describe, expect, it } from 'vitest';
import { writeSetting } from '../../../../src/main/core/settings/repository';
import { newId } from '../../../../src/main/core/db/ids';
import type { Kudos, KudosBadge, RecognitionInsights, Team } from '../../../../src/shared/domain';
import { as } from '../../../helpers/acting';
import { insertCall, person, refused, value, withCore } from '../coaching/helpers';
import { latestVersion, submitScores } from './helpers';

type Core = Parameters<Parameters<typeof withCore>[0]>[0];

/** Four weeks, Monday 2 to Sunday 29 November; the period before is 5 Oct – 1 Nov. */
const period = { from: '2026-11-02', to: '2026-11-29' };

/** Kudos given through the API, then dated where the history needs them. */
async function kudosOn(core: Core, giverId: string, recipientId: string, day: string, on?: { callId: string }) {
  const k = await value<Kudos>(
    as(core, giverId)('recognition.give', {
      recipientId,
      message: `Thanks (${day})`,
      on: on ? { kind: 'call', callId: on.callId, atSec: 1 } : null,
    }),
  );
  core.db.prepare('UPDATE kudos SET created_at = ? WHERE id = ?').run(`${day}T10:00:00.000Z`, k.id);
  return k;
}

function celebrate(core: Core, personId: string, day: string) {
  core.db
    .prepare(
      `INSERT INTO celebrations (id, kind, person_id, subject_key, period, title, occurred_at, created_at)
       VALUES (?, 'streak', ?, 'practice', ?, 'A 3-day practice streak', ?, ?)`,
    )
    .run(newId(), personId, day, `${day}T09:00:00.000Z`, `${day}T09:00:00.000Z`);
}

const snapshot = (core: Core) =>
  JSON.stringify(
    ['kudos', 'celebrations', 'notifications', 'goals'].map((t) =>
      core.db.prepare(`SELECT * FROM ${t} ORDER BY id`).all(),
    ),
  );

describe('recognition insights', () => {
  it(
    'counts kudos and celebrations per week, who gives and receives, and finds who nobody recognised',
    withCore(async (core) => {
      const cora = await person(core, 'Cora', 'coach');
      const fay = await person(core, 'Fay', 'facilitator');
      const nora = await person(core, 'Nora');
      const ray = await person(core, 'Ray');
      const rita = await person(core, 'Rita');
      const gone = await person(core, 'Gus');
      const sam = await person(core, 'Sam Sample');
      // The sample call's people are marked like the sample marks them; nobody has to recognise them.
      writeSetting(core.db, 'sample.peopleIds', [sam.id]);

      await kudosOn(core, cora.id, ray.id, '2026-11-03');
      await kudosOn(core, rita.id, ray.id, '2026-11-10');
      await kudosOn(core, ray.id, rita.id, '2026-11-11');
      // Outside the period: counts nowhere.
      await kudosOn(core, cora.id, rita.id, '2026-10-20');
      // Taken back: as if never given, so Nora is still unrecognised.
      const takenBack = await kudosOn(core, cora.id, nora.id, '2026-11-04');
      await value(as(core, cora.id)('recognition.remove', { id: takenBack.id }));
      // On a call now in the trash: the wall hides it, and so do these figures.
      const trashed = insertCall(core, { repId: fay.id, title: 'Trashed' });
      await kudosOn(core, cora.id, fay.id, '2026-11-05', { callId: trashed });
      await value(core.dispatch('calls.remove', { ids: [trashed] }));
      // Gus received kudos, then left the team: removed people are not listed.
      await kudosOn(core, cora.id, gone.id, '2026-11-06');
      await value(core.dispatch('people.remove', { id: gone.id }));
      celebrate(core, ray.id, '2026-11-12');
      celebrate(core, rita.id, '2026-11-28');

      const insights = await value<RecognitionInsights>(as(core, cora.id)('recognition.insights', period));
      expect(insights.bucket).toBe('week');
      expect(insights.overTime).toEqual([
        // Gus's kudos still happened: the feed over time counts it, the per-person list leaves him out.
        { period: '2026-11-02', kudos: 2, celebrations: 0 },
        { period: '2026-11-09', kudos: 2, celebrations: 1 },
        { period: '2026-11-16', kudos: 0, celebrations: 0 },
        { period: '2026-11-23', kudos: 0, celebrations: 1 },
      ]);
      const byName = Object.fromEntries(insights.people.map((p) => [p.name, p]));
      expect(Object.keys(byName)).toEqual(['Cora', 'Fay', 'Nora', 'Ray', 'Rita']);
      expect(byName.Ray).toMatchObject({ kudosReceived: 2, kudosGiven: 1, celebrations: 1 });
      expect(byName.Rita).toMatchObject({ kudosReceived: 1, kudosGiven: 1, celebrations: 1 });
      expect(byName.Cora).toMatchObject({ kudosReceived: 0, kudosGiven: 2 });
      expect(byName.Fay).toMatchObject({ kudosReceived: 0, kudosGiven: 0 });
      expect(insights.unrecognised.map((p) => p.name)).toEqual(['Cora', 'Fay', 'Nora']);
    }),
  );

  it(
    'puts each person’s score change beside their kudos, through the blind rule of the viewer',
    withCore(async (core) => {
      const cora = await person(core, 'Cora', 'coach');
      const fay = await person(core, 'Fay', 'facilitator');
      const ray = await person(core, 'Ray');
      const version = latestVersion(core);
      const before = insertCall(core, { repId: ray.id, callDate: '2026-10-20' });
      submitScores(core, { callId: before }, cora.id, 2, {
        versionId: version.id,
        kind: 'coach',
        submittedAt: '2026-10-21T10:00:00.000Z',
      });
      for (const [day, score] of [
        ['2026-11-05', 3],
        ['2026-11-20', 4],
      ] as const) {
        const callId = insertCall(core, { repId: ray.id, callDate: day });
        submitScores(core, { callId }, cora.id, score, {
          versionId: version.id,
          kind: 'coach',
          submittedAt: `${day}T10:00:00.000Z`,
        });
      }
      await kudosOn(core, fay.id, ray.id, '2026-11-21');

      const forCora = await value<RecognitionInsights>(as(core, cora.id)('recognition.insights', period));
      const rayForCora = forCora.people.find((p) => p.personId === ray.id)!;
      expect(rayForCora).toMatchObject({ kudosReceived: 1, scoreBefore: 2, scoreNow: 3.5, scoreChange: 1.5 });
      expect(rayForCora.measuredNow).toBe(2 * version.criteria.length);

      // Fay reviewed none of these calls: Cora's scores are blind to her, so no change is shown to her.
      const forFay = await value<RecognitionInsights>(as(core, fay.id)('recognition.insights', period));
      expect(forFay.people.find((p) => p.personId === ray.id)).toMatchObject({
        kudosReceived: 1,
        scoreBefore: null,
        scoreNow: null,
        scoreChange: null,
        measuredNow: 0,
      });
      // Months for a long period, every month listed.
      const year = await value<RecognitionInsights>(
        as(core, cora.id)('recognition.insights', { from: '2026-01-01', to: '2026-12-31' }),
      );
      expect(year.bucket).toBe('month');
      expect(year.overTime.map((b) => b.period)).toHaveLength(12);
      expect(year.overTime.find((b) => b.period === '2026-11-01')).toMatchObject({ kudos: 1 });
    }),
  );

  it(
    'follows Insights’ Team filter: the team’s people, and the recognition they received',
    withCore(async (core) => {
      const cora = await person(core, 'Cora', 'coach');
      const ray = await person(core, 'Ray');
      const wes = await person(core, 'Wes');
      const east = await value<Team>(core.dispatch('people.createTeam', { name: 'East' }));
      await value(core.dispatch('people.update', { id: ray.id, teamId: east.id }));
      await kudosOn(core, cora.id, ray.id, '2026-11-03');
      await kudosOn(core, ray.id, wes.id, '2026-11-04');
      celebrate(core, wes.id, '2026-11-05');

      const all = await value<RecognitionInsights>(as(core, cora.id)('recognition.insights', period));
      expect(all.overTime[0]).toMatchObject({ kudos: 2, celebrations: 1 });
      const team = await value<RecognitionInsights>(
        as(core, cora.id)('recognition.insights', { ...period, teamId: east.id }),
      );
      expect(team.people.map((p) => [p.name, p.kudosReceived, p.kudosGiven])).toEqual([['Ray', 1, 1]]);
      expect(team.overTime[0]).toMatchObject({ kudos: 1, celebrations: 0 });
      expect(team.unrecognised).toEqual([]);
    }),
  );

  it(
    'refuses a rep with a clear message, and a backwards period; the library stays as it was',
    withCore(async (core) => {
      const cora = await person(core, 'Cora', 'coach');
      const ray = await person(core, 'Ray');
      const badges = await value<KudosBadge[]>(core.dispatch('kudos.badges', undefined));
      await value(as(core, cora.id)('recognition.give', { recipientId: ray.id, badgeId: badges[0]!.id }));
      const before = snapshot(core);
      const message = await refused(as(core, ray.id)('recognition.insights', period), 'forbidden');
      expect(message).toMatch(/for coaches, facilitators and admins/);
      expect(
        await refused(
          as(core, cora.id)('recognition.insights', { from: '2026-11-29', to: '2026-11-02' }),
          'invalid_input',
        ),
      ).toMatch(/end after it starts/);
      // Nobody is "me": the dispatcher asks who is acting first.
      await value(core.dispatch('people.setMe', { id: null }));
      await refused(core.dispatch('recognition.insights', period), 'no_actor');
      expect(snapshot(core)).toBe(before);
    }),
  );
});
