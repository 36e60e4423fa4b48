import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  Attempt,
  Boards,
  DrillSummary,
  Person,
  RubricSummary,
  Scorecard,
  Settings,
} from '../../src/shared/domain';
import type { Result } from '../../src/shared/result';
import { makeMedia } from '../fixtures/media';
import { expect, test } from './fixtures';
import type { GamefilmServer } from './fixtures';
import { callApi, importCall } from './media';
import { AppPage } from './pages/AppPage';
import { shoot } from './shots';

/*
 * Balanced leaderboards end to end in browser mode: a coach turns them on in
 * Settings and sets the team goal through its form; "most improved" and the
 * team goal with everyone's share show; a rep sees their own row.
 */
const dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-boards-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const today = new Date().toISOString().slice(0, 10);
const lastMonth = new Date(Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 7);

/** Keeps a recorded drill answer as "me" (the page's upload route for MediaRecorder blobs). */
async function uploadAttempt(server: GamefilmServer, drillId: string, path: string): Promise<Attempt> {
  const res = await fetch(`${new URL(server.url).origin}/upload?for=attempt&drill=${drillId}&name=answer.ogg`, {
    method: 'POST',
    headers: { 'x-gamefilm-token': server.token },
    body: await readFile(path),
  });
  const result = (await res.json()) as Result<Attempt>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A call of Ray's on `callDate`, self-reviewed by him with every criterion at `score`. */
async function selfReviewedCall(
  server: GamefilmServer,
  rep: Person,
  rubricId: string,
  callDate: string,
  score: number,
  n: number,
) {
  const callId = await importCall(server, await makeMedia(dir, 'wav', { durationSec: 2 + n, name: `call-${n}` }));
  await callApi(server, 'calls.update', { id: callId, title: `Discovery ${n}`, repId: rep.id, callDate });
  const card = await callApi<Scorecard>(server, 'scorecards.start', { callId, rubricId });
  for (const s of card.scores)
    await callApi(server, 'scorecards.setScore', { id: card.id, criterionId: s.criterionId, score });
  await callApi(server, 'scorecards.submit', { id: card.id });
}

test('a coach turns leaderboards on and sets the team goal; most improved and the shares show; a rep sees their row', async ({
  page,
  gamefilm,
}) => {
  test.setTimeout(180_000);
  const cora = await callApi<Person>(gamefilm, 'people.create', { name: 'Cora Coach', role: 'coach' });
  const ray = await callApi<Person>(gamefilm, 'people.create', { name: 'Ray Rep', role: 'rep' });
  const pia = await callApi<Person>(gamefilm, 'people.create', { name: 'Pia Peer', role: 'rep' });
  const rubricId = (await callApi<RubricSummary[]>(gamefilm, 'rubrics.list')).find(
    (r) => r.name === 'Sales Call Fundamentals',
  )!.id;
  const drill = (await callApi<DrillSummary[]>(gamefilm, 'drills.list', {})).find((d) => d.rubricId)!;

  // Ray: three calls last month at 2, three this month at 4 (his own, submitted reviews).
  await callApi(gamefilm, 'people.setMe', { id: ray.id });
  for (let n = 0; n < 6; n++)
    await selfReviewedCall(gamefilm, ray, rubricId, n < 3 ? `${lastMonth}-15` : today, n < 3 ? 2 : 4, n);
  await uploadAttempt(gamefilm, drill.id, await makeMedia(dir, 'ogg', { durationSec: 2, name: 'ray-answer' }));
  await callApi(gamefilm, 'people.setMe', { id: pia.id });
  for (const n of [3, 4])
    await uploadAttempt(gamefilm, drill.id, await makeMedia(dir, 'ogg', { durationSec: n, name: `pia-answer-${n}` }));

  // The coach: boards are off by default, the empty state says who can turn them on.
  await callApi(gamefilm, 'people.setMe', { id: cora.id });
  const app = new AppPage(page);
  await app.goto(gamefilm.url + '#/leaderboards');
  await page.getByRole('heading', { level: 1, name: 'Leaderboards' }).waitFor();
  await expect(page.getByText('Leaderboards are off')).toBeVisible();
  await expect(page.getByText('a coach can turn them on in Settings')).toBeVisible();
  await shoot(page, 'leaderboards-off');

  // The team goal through its form: an end before the start is refused with a sentence, nothing stored.
  const form = page.getByRole('form', { name: 'Set a team goal' });
  await form.getByLabel('Drill attempts, together').fill('50');
  await form.getByLabel('From').fill(`${today.slice(0, 7)}-01`);
  await form.getByLabel('Until').fill(`${lastMonth}-01`);
  await form.getByRole('button', { name: 'Set the team goal' }).click();
  await expect(form.getByRole('alert')).toHaveText('A goal must end after it starts');
  expect((await callApi<Boards>(gamefilm, 'recognition.boards')).teamGoal).toBeNull();
  const end = new Date(Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`) + 40 * 86_400_000).toISOString().slice(0, 8);
  const monthEnd = new Date(Date.parse(`${end}01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel('Until').fill(monthEnd);
  await form.getByRole('button', { name: 'Set the team goal' }).click();
  const goalPanel = page.getByRole('region', { name: 'Team goal' });
  await expect(goalPanel).toContainText('3 of 50 drill attempts');
  const stored = (await callApi<Boards>(gamefilm, 'recognition.boards')).teamGoal;
  expect(stored).toMatchObject({ target: 50, startDate: `${today.slice(0, 7)}-01`, endDate: monthEnd, total: 3 });

  // Settings: turn the boards on, and the setting is stored.
  await app.open('Settings');
  const toggle = page.getByRole('checkbox', { name: 'Show leaderboards to the team' });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await page.getByRole('region', { name: 'Leaderboards' }).scrollIntoViewIfNeeded();
  await shoot(page, 'settings-leaderboards');
  await expect.poll(async () => (await callApi<Settings>(gamefilm, 'settings.get')).leaderboards).toBe(true);

  await app.open('Leaderboards');
  const improved = page.getByRole('table', { name: 'Most improved' });
  await expect(improved.getByRole('row', { name: /Ray Rep/ })).toContainText('1st');
  await expect(improved.getByRole('row', { name: /Ray Rep/ })).toContainText('+2.00');
  // Only Ray's own row shows his averages; the coach sees the change alone.
  await expect(improved).not.toContainText('2.00 → 4.00');
  const shares = page.getByRole('list', { name: 'Each person’s share of the team goal' });
  await expect(shares.getByRole('listitem').filter({ hasText: 'Pia Peer' })).toContainText('2 (66.7%)');
  await expect(shares.getByRole('listitem').filter({ hasText: 'Ray Rep' })).toContainText('1 (33.3%)');
  await expect(shares.getByRole('listitem').filter({ hasText: 'Cora Coach (you)' })).toContainText('0 (0%)');
  await expect(page.getByRole('progressbar', { name: 'Team goal progress' })).toHaveAttribute('aria-valuenow', '6');
  const consistency = page.getByRole('table', { name: 'Practice consistency' });
  await expect(consistency.getByRole('row', { name: /Pia Peer/ })).toContainText('tied 1st');
  await shoot(page, 'leaderboards');

  // Ray: his own row, highlighted, with his averages and where he stands.
  await callApi(gamefilm, 'people.setMe', { id: ray.id });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Leaderboards' }).waitFor();
  const mine = page.getByRole('table', { name: 'Most improved' }).getByRole('row', { name: /Ray Rep \(you\)/ });
  await expect(mine).toHaveAttribute('aria-current', 'true');
  await expect(mine).toContainText('2.00 → 4.00');
  await expect(page.getByRole('region', { name: 'Most improved' })).toContainText(
    'You are 1st of 1 (not on this board in the period before)',
  );
  // A rep cannot set the team goal nor switch the boards.
  await expect(page.getByRole('form', { name: 'Set a team goal' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Change the team goal' })).toHaveCount(0);
  await shoot(page, 'leaderboards-rep');
  // Tables, the progress bar and the form have names a screen reader can use.
  const axe = await new AxeBuilder({ page }).include('main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await app.open('Settings');
  await expect(page.getByRole('checkbox', { name: 'Show leaderboards to the team' })).toBeDisabled();
});
