/**
 * Two (or more) real libraries on temp folders joined to one team folder,
 * with the writer's batching shortened so a test waits on files, not timers.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../../../src/main/core';
import type { Core } from '../../../../src/main/core';
import type {
  Annotation,
  Call,
  Kudos,
  KudosBadge,
  Person,
  RubricSummary,
  Scorecard,
  TeamStatus,
} from '../../../../src/shared/domain';
import { makeMedia } from '../../../fixtures/media';
import { actAs } from '../../../helpers/acting';
import type { EventMap, EventName } from '../../../../src/shared/events';
import { importRecording, snapshot, value } from '../packets/helpers';

export function openTeamCore(dataDir: string): Core {
  // Long timers: a test drives flush() and scan() itself, so nothing happens behind its back.
  return createCore({ dataDir, shell: 'web', team: { batchMs: 60_000, rescanMs: 600_000, settleMs: 0 } });
}

export async function joinTeam(core: Core, folder: string): Promise<TeamStatus> {
  return value<TeamStatus>(core.dispatch('team.join', { folder, create: true }));
}

/** Change files (by name) in a device's folder. */
export const changeFiles = (folder: string, deviceId: string): string[] =>
  readdirSync(join(folder, 'team', deviceId))
    .filter((n) => n.endsWith('.gamefilm'))
    .sort();

export async function giveKudos(core: Core, giver: Person, recipient: Person, callId: string, atSec: number) {
  const badges = await value<KudosBadge[]>(core.dispatch('kudos.badges', undefined));
  return value<Kudos>(
    core.dispatch('kudos.give', {
      giverId: giver.id,
      recipientId: recipient.id,
      badgeId: badges[0]?.id,
      reason: 'Great reframe on price',
      callId,
      atSec,
    }),
  );
}

export const personNamed = (core: Core, name: string) =>
  core.db.prepare('SELECT id, name, role FROM people WHERE name = ? AND deleted_at IS NULL').get(name) as
    Person | undefined;

/**
 * A call reviewed by a coach only (on a coach's laptop nobody else is "me"):
 * two annotations, a submitted scorecard with an action item for the rep,
 * and private call notes that must never leave.
 */
export async function coachReviewedCall(core: Core, mediaDir: string) {
  const file = await makeMedia(mediaDir, 'ogg', { durationSec: 20, name: 'acme-team' });
  const imported = await importRecording(core, file);
  const rep = await value<Person>(core.dispatch('people.create', { name: 'Ray Rep', role: 'rep' }));
  const coach = await value<Person>(core.dispatch('people.create', { name: 'Cora Coach', role: 'coach' }));
  await actAs(core, coach.id);
  const call = await value<Call>(
    core.dispatch('calls.update', {
      id: imported.id,
      title: 'Discovery with Acme',
      repId: rep.id,
      notes: 'Private: Ray is up for promotion.',
    }),
  );
  await value<Annotation>(
    core.dispatch('annotations.create', { callId: call.id, startSec: 2, endSec: 4, body: 'Great opener' }),
  );
  const rubrics = await value<RubricSummary[]>(core.dispatch('rubrics.list', undefined));
  const rubricId = rubrics.find((r) => r.name === 'Sales Call Fundamentals')?.id;
  let scorecard = await value<Scorecard>(core.dispatch('scorecards.start', { callId: call.id, rubricId }));
  await value(
    core.dispatch('scorecards.setScore', {
      id: scorecard.id,
      criterionId: scorecard.scores[0]?.criterionId,
      score: 4,
      comment: 'Solid discovery',
    }),
  );
  await value(
    core.dispatch('scorecards.addActionItem', {
      scorecardId: scorecard.id,
      text: 'Book the next step',
      ownerId: rep.id,
    }),
  );
  scorecard = await value<Scorecard>(core.dispatch('scorecards.submit', { id: scorecard.id }));
  return { call, rep, coach, scorecard };
}

/** Resolves on the first event that passes `pass` (the app's own signal that something happened); fails after `ms`. */
export function nextEvent<E extends EventName>(core: Core, event: E, pass: (p: EventMap[E]) => boolean, ms: number) {
  return new Promise<EventMap[E]>((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const off = core.onAnyEvent((name: EventName, payload: unknown) => {
      if (name === event && pass(payload as EventMap[E])) {
        clearTimeout(timer);
        off();
        resolve(payload as EventMap[E]);
      }
    });
  });
}

/** The library's own rows and media; the team's bookkeeping (cursors, quarantine, outbox) may change. */
export const library = (core: Core) => {
  const { rows, media } = snapshot(core);
  return {
    media,
    rows: rows
      .split('\n')
      .filter((line) => !line.startsWith('team_'))
      .join('\n'),
  };
};
