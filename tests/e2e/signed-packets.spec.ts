/**
 * Signed packets in browser mode (issue 11, item 3): a packet goes from the
 * coach's library to a peer's and back. The round trip creates no duplicate
 * person, the preview says who signed it, and a peer's copy of the coach's
 * submitted scorecard — changed in the peer's own library — cannot overwrite
 * it. Then two records of one person are merged on the People screen.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import type { Call, Person, Rubric, RubricSummary, Scorecard } from '../../src/shared/domain';
import { makeMedia } from '../fixtures/media';
import { expect, GamefilmServer, test } from './fixtures';
import type { ServerAddress } from './media';
import { callApi, importCall } from './media';
import { AppPage } from './pages/AppPage';
import { PacketPage } from './pages/PacketPage';
import { PeoplePage } from './pages/PeoplePage';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-signed-packets';
let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-signed-'));
  mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The coach's library: a call with the coach ("me") having submitted a scorecard. */
async function coachLibrary(server: ServerAddress): Promise<{ call: Call; card: Scorecard }> {
  const file = await makeMedia(dir, 'ogg', { durationSec: 20, name: 'initech-discovery' });
  const callId = await importCall(server, file);
  const rep = await callApi<Person>(server, 'people.create', { name: 'Ray Rep', role: 'rep' });
  const coach = await callApi<Person>(server, 'people.create', { name: 'Cora Coach', role: 'coach' });
  await callApi(server, 'people.setMe', { id: coach.id });
  const call = await callApi<Call>(server, 'calls.update', {
    id: callId,
    title: 'Discovery with Initech',
    repId: rep.id,
  });
  await callApi(server, 'annotations.create', {
    callId,
    startSec: 3,
    body: 'Good opening question',
  });
  const rubrics = await callApi<RubricSummary[]>(server, 'rubrics.list');
  const rubric = await callApi<Rubric>(server, 'rubrics.get', { id: rubrics[0]?.id });
  const card = await callApi<Scorecard>(server, 'scorecards.start', {
    callId,
    rubricId: rubric.id,
  });
  for (const s of card.scores) {
    await callApi(server, 'scorecards.setScore', { id: card.id, criterionId: s.criterionId, score: 4 });
  }
  await callApi(server, 'scorecards.update', { id: card.id, strengths: 'Patient, curious' });
  return { call, card: await callApi<Scorecard>(server, 'scorecards.submit', { id: card.id }) };
}

async function exportFromCall(page: Page, callId: string, path: string, signer: string, shots = false): Promise<void> {
  await page.evaluate((id) => (window.location.hash = `#/calls/${encodeURIComponent(id)}`), callId);
  await expect(page.getByLabel('Call title')).toHaveValue('Discovery with Initech');
  const packets = new PacketPage(page);
  await page.getByRole('button', { name: 'Export packet…' }).click();
  // The dialog says who will sign, before anything is written.
  await expect(packets.exportDialog.getByText(/Signed by/)).toContainText(signer);
  if (shots) {
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: join(SHOTS, `export-dialog-${width}x${height}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  await packets.exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
  await packets.exportDialog.getByText(/is ready/).waitFor({ timeout: 60_000 });
  await packets.download(/Gamefilm packet/, path);
  await page.keyboard.press('Escape');
}

const peopleNames = async (server: ServerAddress) =>
  (await callApi<Person[]>(server, 'people.list')).map((p) => p.name).sort();

test('a packet round trip between two libraries: no duplicate person, the submitted scorecard stays, merge people', async ({
  page,
  gamefilm,
  browser,
}) => {
  test.setTimeout(240_000);
  const { call, card } = await coachLibrary(gamefilm);
  const coachApp = new AppPage(page);
  await coachApp.goto(gamefilm.url);
  const out = join(dir, 'from-coach.gamefilm');
  await exportFromCall(page, call.id, out, 'Cora Coach', true);

  const peerServer = new GamefilmServer(mkdtempSync(join(tmpdir(), 'gamefilm-e2e-signed-peer-')));
  await peerServer.start();
  try {
    const peerPage = await (await browser.newContext()).newPage();
    const peerApp = new AppPage(peerPage);
    await peerApp.goto(peerServer.url);
    await peerApp.open('People');
    const peerPeople = new PeoplePage(peerPage);
    await peerPeople.add('Pia Peer');
    await peerPeople.markMe('Pia Peer');

    // The peer imports the coach's packet: the preview names the signer and their key, new to this library.
    await peerApp.open('Library');
    const peerPackets = new PacketPage(peerPage);
    await peerPackets.inspect(out);
    const signer = peerPackets.importDialog.getByText(/Signed by/);
    await expect(signer).toContainText('Cora Coach');
    await expect(signer).toContainText(/key [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}/);
    await expect(signer).toContainText('new to this library');
    await peerPackets.confirmImport();
    // Issue 12, item 7: the people the packet added are on the People screen without a reload.
    await peerApp.open('People');
    await expect(peerPeople.row('Cora Coach')).toBeVisible();
    await expect(peerPeople.row('Ray Rep')).toBeVisible();

    // The peer reviews the call too: only after submitting their own may they see (and so export) the coach's.
    const peerRubrics = await callApi<RubricSummary[]>(peerServer, 'rubrics.list');
    const own = await callApi<Scorecard>(peerServer, 'scorecards.start', {
      callId: call.id,
      rubricId: peerRubrics[0]!.id,
    });
    await callApi(peerServer, 'scorecards.setScore', { id: own.id, criterionId: own.scores[0]!.criterionId, score: 3 });
    await callApi(peerServer, 'scorecards.submit', { id: own.id });

    // In the peer's own library the coach's submitted scorecard is rewritten (a peer controls their own files).
    const peerDb = new Database(join(peerServer.dataDir, 'gamefilm.sqlite'));
    const now = new Date().toISOString();
    peerDb
      .prepare(
        `UPDATE scorecards SET strengths = 'Peer says: weak call', submitted_at = ?, updated_at = ? WHERE id = ?`,
      )
      .run(now, now, card.id);
    peerDb.prepare(`UPDATE scorecard_scores SET score = 1, updated_at = ? WHERE scorecard_id = ?`).run(now, card.id);
    peerDb.close();

    const back = join(dir, 'from-peer.gamefilm');
    await exportFromCall(peerPage, call.id, back, 'Pia Peer');

    // Back in the coach's library: Pia is new, the rewrite of Cora's scorecard is refused with its reason.
    await coachApp.open('Library');
    const coachPackets = new PacketPage(page);
    await coachPackets.inspect(back);
    await expect(coachPackets.importDialog.getByText(/Signed by/)).toContainText('Pia Peer');
    const refused = coachPackets.importDialog.getByRole('row', { name: /Scorecard by Cora Coach/ });
    await expect(refused).toContainText('Refused');
    await expect(refused).toContainText('only Cora Coach can change it and this packet is signed by Pia Peer');
    await expect(coachPackets.importDialog.getByRole('row', { name: /^People Pia Peer/ })).toContainText('New');
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: join(SHOTS, `import-preview-${width}x${height}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await coachPackets.confirmImport();

    await callApi(gamefilm, 'people.setMe', { id: card.reviewerId });
    const stored = await callApi<{ mine: Scorecard[] }>(gamefilm, 'scorecards.forCall', {
      callId: call.id,
    });
    expect(stored.mine[0]).toMatchObject({ id: card.id, status: 'submitted', strengths: 'Patient, curious' });
    expect(stored.mine[0]?.scores.every((s) => s.score === 4)).toBe(true);
    expect(await peopleNames(gamefilm)).toEqual(['Cora Coach', 'Pia Peer', 'Ray Rep']);

    // And once more to the peer: still one of everyone there.
    const again = join(dir, 'from-coach-again.gamefilm');
    await exportFromCall(page, call.id, again, 'Cora Coach');
    await peerApp.open('Library');
    await peerPackets.inspect(again);
    await expect(peerPackets.importDialog.getByText(/Signed by/)).toContainText('known to this library');
    await expect(peerPackets.importDialog).toContainText('Everything in it is already in your library.');
    await peerPackets.importDialog.getByRole('button', { name: 'Close' }).click();
    expect(await peopleNames(peerServer)).toEqual(['Cora Coach', 'Pia Peer', 'Ray Rep']);
  } finally {
    await peerServer.stop();
    rmSync(peerServer.dataDir, { recursive: true, force: true });
  }

  // Pia was also added by hand in the coach's library: merge the two records, with a confirm.
  await coachApp.open('People');
  const people = new PeoplePage(page);
  await people.add('Pia P.');
  await people.row('Pia P.').getByRole('button', { name: 'Merge Pia P. into someone else' }).click();
  const merge = page.getByRole('dialog', { name: 'Merge Pia P. into…' });
  await merge.getByLabel('Keep').selectOption({ label: 'Pia Peer' });
  await merge.getByRole('button', { name: 'Continue' }).click();
  await expect(merge).toContainText('This cannot be undone.');
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(SHOTS, `merge-confirm-${width}x${height}.png`) });
  }
  await merge.getByRole('button', { name: 'Merge into Pia Peer' }).click();
  await expect(people.row('Pia P.')).toHaveCount(0);
  expect(await peopleNames(gamefilm)).toEqual(['Cora Coach', 'Pia Peer', 'Ray Rep']);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(SHOTS, 'people-after-merge-1280x800.png') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: join(SHOTS, 'people-after-merge-1920x1080.png') });
});
