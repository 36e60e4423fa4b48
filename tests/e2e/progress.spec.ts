/**
 * Progress that means something (issue 11, item 4), in the browser: a
 * coach's page shows reviews given and feedback written; a rep's page shows
 * what review sessions said (click opens the call at the moment) and the
 * rep's practice plan to a coach, never to another rep; calibration shows a
 * self-review beside alpha; a peer sees no edit or delete controls on a
 * coach's comment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Call, Person, ReviewSession, Rubric, RubricSummary, Scorecard } from '../../src/shared/domain';
import { makeMedia } from '../fixtures/media';
import type { GamefilmServer } from './fixtures';
import { expect, test } from './fixtures';
import { callApi, importCall } from './media';
import { CoachingPage } from './pages/CoachingPage';
import { shoot } from './shots';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-progress-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Team {
  kim: Person;
  ray: Person;
  pia: Person;
  callId: string;
}

/** Scores every criterion (in rubric order) and submits, as whoever is "me". */
async function review(server: GamefilmServer, callId: string, rubricId: string, scores: number[]) {
  const card = await callApi<Scorecard>(server, 'scorecards.start', { callId, rubricId });
  for (const [i, s] of card.scores.entries())
    await callApi(server, 'scorecards.setScore', { id: card.id, criterionId: s.criterionId, score: scores[i] });
  await callApi(server, 'scorecards.submit', { id: card.id });
}

/** A coach, a rep and a peer; the rep's call reviewed by all three, commented on, and taken to a session. */
async function world(server: GamefilmServer): Promise<Team> {
  const kim = await callApi<Person>(server, 'people.create', { name: 'Kim Coach', role: 'coach' });
  const ray = await callApi<Person>(server, 'people.create', { name: 'Ray Rep', role: 'rep' });
  const pia = await callApi<Person>(server, 'people.create', { name: 'Pia Peer', role: 'rep' });
  const imported = await importCall(server, await makeMedia(dir, 'mp3', { durationSec: 90, name: 'acme' }));
  const call = await callApi<Call>(server, 'calls.update', {
    id: imported,
    title: 'Ray × Acme discovery',
    repId: ray.id,
    callDate: '2026-11-02',
  });
  const rubricId = (await callApi<RubricSummary[]>(server, 'rubrics.list')).find(
    (r) => r.name === 'Sales Call Fundamentals',
  )!.id;
  const rubric = await callApi<Rubric>(server, 'rubrics.get', { id: rubricId });

  await callApi(server, 'people.setMe', { id: kim.id });
  await review(server, call.id, rubricId, [3, 2, 4, 2]);
  await callApi(server, 'annotations.create', { callId: call.id, startSec: 12, body: 'Great reframe here' });
  await callApi(server, 'people.setMe', { id: pia.id });
  await review(server, call.id, rubricId, [4, 2, 4, 3]);
  await callApi(server, 'annotations.create', { callId: call.id, startSec: 30, body: 'Peer note on pricing' });
  await callApi(server, 'people.setMe', { id: ray.id });
  await review(server, call.id, rubricId, [5, 4, 5, 4]);

  let session = await callApi<ReviewSession>(server, 'sessions.create', {
    title: 'Weekly call review',
    date: '2026-11-05',
    participantIds: [kim.id, ray.id, pia.id],
  });
  session = await callApi<ReviewSession>(server, 'sessions.addItem', {
    sessionId: session.id,
    kind: 'clip',
    callId: call.id,
    startSec: 40,
    endSec: 70,
    rubricId,
  });
  session = await callApi<ReviewSession>(server, 'sessions.rotateRoles', { sessionId: session.id });
  session = await callApi<ReviewSession>(server, 'sessions.start', { id: session.id });
  await callApi(server, 'sessions.addFeedback', {
    sessionId: session.id,
    authorId: kim.id,
    kind: 'strength',
    body: 'Held the silence after the price',
    atSec: 42,
  });
  await callApi(server, 'sessions.addFeedback', {
    sessionId: session.id,
    authorId: pia.id,
    kind: 'improvement',
    body: 'Ask for the next meeting before hanging up',
  });
  await callApi(server, 'sessions.setScore', {
    itemId: session.items[0]!.id,
    reviewerId: kim.id,
    criterionId: rubric.latest.criteria[0]!.id,
    score: 2,
  });
  return { kim, ray, pia, callId: call.id };
}

async function asMe(page: Page, server: GamefilmServer, person: Person, hash: string) {
  await callApi(server, 'people.setMe', { id: person.id });
  await page.goto(`${server.url}${hash}`);
}

test('a coach’s page shows reviews given and feedback written; the rep’s page shows session feedback and the plan', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(180_000);
  const { kim, ray, callId } = await world(gamefilm);

  await asMe(page, gamefilm, kim, `#/people/${kim.id}`);
  const given = page.getByRole('table', { name: 'Reviews given' });
  await expect(given.getByRole('row').filter({ hasText: 'Ray × Acme discovery' })).toContainText('Ray Rep');
  await expect(given).toContainText('2.7'); // her overall: (30·3 + 25·2 + 20·4 + 25·2) / 100
  await expect(page.getByRole('list', { name: 'Feedback written' })).toContainText('Great reframe here');
  await expect(page.getByRole('list', { name: 'Feedback written' })).toContainText('Held the silence after the price');
  await expect(page.getByText('No submitted scorecards')).toHaveCount(0);
  await shoot(page, 'progress-person-coach');

  await page.goto(`${gamefilm.url}#/people/${ray.id}`);
  const fromSessions = page.getByRole('list', { name: 'From review sessions' });
  await expect(fromSessions.getByRole('listitem')).toHaveText([
    /Ask for the next meeting before hanging up.*Pia Peer/,
    /Held the silence after the price.*Kim Coach/,
  ]);
  // A coach opens the rep's practice plan from their page.
  await expect(page.getByRole('heading', { name: 'Practice plan' })).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Practice plan for Ray Rep' }).getByRole('listitem').first(),
  ).toBeVisible();
  // The chart, scrolled to, with the session's live score counted under coach.
  const chart = page.getByRole('heading', { name: 'Score per criterion over time' });
  await chart.scrollIntoViewIfNeeded();
  await expect(page.locator('.uplot').first()).toBeVisible();
  await shoot(page, 'progress-person-rep-chart');
  await page.getByRole('heading', { name: 'Ray Rep' }).scrollIntoViewIfNeeded();
  await shoot(page, 'progress-person-rep');

  // Click opens the call at the moment the feedback named.
  await fromSessions.getByRole('button', { name: 'Ray × Acme discovery at 0:42' }).click();
  await expect(page).toHaveURL(new RegExp(`#/calls/${callId}\\?t=42`));

  // Calibration: alpha over Kim and Pia; Ray's self-review beside it.
  const call = new CoachingPage(page);
  await call.tab('Calibration').click();
  await expect(page.getByRole('group', { name: 'Agreement across criteria' })).toContainText(
    'by 2 peer and coach reviewers',
  );
  await expect(page.getByLabel('Self-review beside alpha')).toContainText(
    'Self-review by Ray Rep, not counted in alpha',
  );
  await expect(page.getByRole('columnheader', { name: /Ray Rep.*not in alpha/ })).toBeVisible();
  await shoot(page, 'progress-calibration');
});

test('another rep cannot open a rep’s plan, and a peer sees no edit or delete on a coach’s comment', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(180_000);
  const { kim, ray, pia, callId } = await world(gamefilm);

  // The core refuses the plan to another rep; the page leaves the section out.
  await asMe(page, gamefilm, pia, `#/people/${ray.id}`);
  await expect(callApi(gamefilm, 'drills.plan', { personId: ray.id })).rejects.toThrow(
    'A practice plan is its rep’s own',
  );
  await expect(page.getByRole('list', { name: 'From review sessions' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Practice plan' })).toHaveCount(0);

  await page.goto(`${gamefilm.url}#/calls/${callId}`);
  const coachs = page.getByRole('listitem', { name: 'Annotation 0:12' });
  const mine = page.getByRole('listitem', { name: 'Annotation 0:30' });
  await expect(coachs).toContainText('Great reframe here');
  await expect(coachs.getByRole('button', { name: /^Delete annotation/ })).toHaveCount(0);
  await expect(coachs.getByRole('textbox', { name: 'Comment 0:12' })).toHaveCount(0);
  await expect(coachs.getByRole('combobox', { name: /^Tag for/ })).toHaveCount(0);
  // Her own comment keeps its controls.
  await expect(mine.getByRole('button', { name: 'Delete annotation 0:30' })).toBeVisible();
  await expect(mine.getByRole('textbox', { name: 'Comment 0:30' })).toHaveValue('Peer note on pricing');
  await shoot(page, 'progress-annotations-peer');

  // The coach may remove the peer's comment (tidying) but not edit it.
  await asMe(page, gamefilm, kim, `#/calls/${callId}`);
  await expect(mine.getByRole('button', { name: 'Delete annotation 0:30' })).toBeVisible();
  await expect(mine.getByRole('textbox', { name: 'Comment 0:30' })).toHaveCount(0);
  await expect(coachs.getByRole('textbox', { name: 'Comment 0:12' })).toHaveValue('Great reframe here');
});
