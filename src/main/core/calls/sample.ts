/**
 * The sample call (issue 12, item 15): a short two-voice discovery call made
 * once from a written script (scripts/make-sample-call.mjs), shipped as
 * resources/sample-call/sample-call.opus with the script. Opening it imports
 * the recording like any call and fills in what a coach would have done: the
 * transcript straight from the script (no model needed), a few annotations and
 * a submitted scorecard. Everything is labelled as a sample — the call's title
 * and mark, the people's names — and "Remove the sample" deletes it for good.
 */
import { existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import script from '../../../../resources/sample-call/script.json';
import type { Call, CallType, Id, Person, PersonRole } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { createAnnotation } from '../coaching/annotations/repository';
import { addActionItem } from '../coaching/scorecards/action-items';
import { setScore, startScorecard, submitScorecard, updateScorecard } from '../coaching/scorecards/repository';
import { get, sql } from '../db/sql';
import { importMediaFile } from '../media';
import { createPerson, listPeople, removePerson } from '../people/repository';
import { writeSetting } from '../settings/repository';
import {
  ensureSpeakers,
  rederiveWords,
  replaceTranscript,
  updateSpeaker,
} from '../transcription/transcript-repository';
import { deleteSampleCalls, findSampleCall, getCall, insertImportedCall, markSampleCall } from './repository';

export interface SampleLine {
  speaker: 'rep' | 'customer';
  text: string;
  startSec: number;
  endSec: number;
}

const SAMPLE_FILE = 'sample-call.opus';
/** Who the sample created, so removing it takes back exactly them. */
const PEOPLE_KEY = 'sample.peopleIds';
const SAMPLE_MODEL_ID = 'sample-script';

export const sampleScript = script as Omit<typeof script, 'lines'> & { lines: SampleLine[] };

/**
 * Where the recording is: next to the sources (tests, browser mode), next to
 * the bundle (built app), or in a packaged app's resources folder.
 */
export function sampleCallFile(): string | null {
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  const candidates = [
    join(__dirname, '../../../../resources/sample-call', SAMPLE_FILE),
    join(__dirname, '../../resources/sample-call', SAMPLE_FILE),
    ...(packaged
      ? [join(packaged, 'sample-call', SAMPLE_FILE), join(packaged, 'resources/sample-call', SAMPLE_FILE)]
      : []),
  ];
  return candidates.find((path) => existsSync(path)) ?? null;
}

function samplePerson(db: Database, name: string, role: PersonRole, created: Id[]): Person {
  const existing = listPeople(db).find((p) => p.name === name);
  if (existing) return existing;
  const person = createPerson(db, { name, role });
  created.push(person.id);
  return person;
}

function fundamentalsRubricId(db: Database): Id {
  const row = get<{ id: Id }>(
    db,
    sql`SELECT id FROM rubrics WHERE seed_key = 'sales-call-fundamentals' AND deleted_at IS NULL`,
  );
  if (!row)
    throw new AppError('not_found', 'The sample needs the “Sales Call Fundamentals” rubric, which was deleted.');
  return row.id;
}

/** Fills the imported sample with the script's transcript, annotations and a submitted scorecard. */
function furnish(db: Database, callId: Id, mediaSha256: string): Call {
  const created: Id[] = [];
  const rep = samplePerson(db, sampleScript.speakers.rep.name, 'rep', created);
  const coach = samplePerson(db, sampleScript.coach, 'coach', created);
  markSampleCall(db, callId, {
    title: sampleScript.title,
    customer: sampleScript.customer,
    callType: sampleScript.callType as CallType,
    stage: sampleScript.stage,
    callDate: sampleScript.callDate,
    repId: rep.id,
  });

  const speakers = ensureSpeakers(db, mediaSha256, 2);
  const byChannel = (channel: number) => speakers.find((s) => s.channel === channel)!.id;
  updateSpeaker(db, { speakerId: byChannel(sampleScript.speakers.rep.channel), label: 'Rep', personId: rep.id });
  updateSpeaker(db, {
    speakerId: byChannel(sampleScript.speakers.customer.channel),
    label: sampleScript.speakers.customer.name,
    isCustomer: true,
  });
  replaceTranscript(
    db,
    {
      mediaSha256,
      modelId: SAMPLE_MODEL_ID,
      language: 'en',
      verbatim: false,
      jobId: null,
      segments: sampleScript.lines.map((line) => ({
        startSec: line.startSec,
        endSec: line.endSec,
        text: line.text,
        speakerId: byChannel(sampleScript.speakers[line.speaker].channel),
        confidence: null,
        words: rederiveWords([], line.text, line.startSec, line.endSec),
      })),
    },
    { keepEdited: false },
  );

  const annotationIds = sampleScript.annotations.map((a) => {
    const line = sampleScript.lines[a.atLine]!;
    return createAnnotation(db, {
      callId,
      authorId: coach.id,
      startSec: line.startSec,
      endSec: line.endSec,
      body: a.body,
      situation: a.situation ?? '',
      behavior: a.behavior ?? '',
      impact: a.impact ?? '',
    }).id;
  });

  const scorecard = startScorecard(db, { callId, reviewerId: coach.id, rubricId: fundamentalsRubricId(db) });
  for (const s of sampleScript.scorecard.scores) {
    const criterion = scorecard.scores[s.position - 1];
    if (!criterion) continue;
    // The annotations are the evidence the scores point at (indexes into the script's annotations).
    const evidence = s.evidence.map((i) => ({ annotationId: annotationIds[i]! }));
    setScore(db, {
      id: scorecard.id,
      criterionId: criterion.criterionId,
      score: s.score,
      comment: s.comment,
      evidence,
    });
  }
  updateScorecard(db, { id: scorecard.id, strengths: sampleScript.scorecard.strengths });
  addActionItem(db, { scorecardId: scorecard.id, text: sampleScript.scorecard.actionItem });
  submitScorecard(db, scorecard.id);
  writeSetting(db, PEOPLE_KEY, created);
  return getCall(db, callId);
}

/**
 * Opens the sample: the one already in the library, one brought back from the
 * trash, or a fresh import of the shipped recording.
 */
export async function openSampleCall(db: Database, mediaDir: string): Promise<{ call: Call; created: boolean }> {
  const existing = findSampleCall(db);
  if (existing) {
    if (existing.deletedAt) db.prepare('UPDATE calls SET deleted_at = NULL WHERE id = ?').run(existing.id);
    return { call: findSampleCall(db)!, created: false };
  }
  const file = sampleCallFile();
  if (!file) throw new AppError('not_found', 'The sample call is missing from this installation of Gamefilm.');
  const imported = await importMediaFile(file, mediaDir);
  try {
    const call = db.transaction(() => {
      const inserted = insertImportedCall(db, imported, SAMPLE_FILE, { repId: null });
      return furnish(db, inserted.id, imported.sha256);
    })();
    return { call, created: true };
  } catch (error) {
    // Nothing half-made stays behind: the rows rolled back, the files go too.
    if (!imported.duplicate) {
      await unlink(join(mediaDir, imported.fileName)).catch(() => undefined);
      await unlink(join(mediaDir, imported.peaksFileName)).catch(() => undefined);
    }
    throw error;
  }
}

/** Deletes the sample for good: the call, its recording, and the sample people nobody else needs. */
export async function removeSampleCall(db: Database, mediaDir: string): Promise<{ removed: boolean }> {
  if (!findSampleCall(db)) return { removed: false };
  const { orphanFiles } = db.transaction(() => {
    const result = deleteSampleCalls(db);
    const row = get<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = ${PEOPLE_KEY}`);
    const ids = row ? (JSON.parse(row.value) as Id[]) : [];
    const live = new Set(listPeople(db).map((p) => p.id));
    for (const id of ids) if (live.has(id)) removePerson(db, id);
    writeSetting(db, PEOPLE_KEY, []);
    return result;
  })();
  await Promise.all(orphanFiles.map((f) => unlink(join(mediaDir, f)).catch(() => undefined)));
  return { removed: true };
}
