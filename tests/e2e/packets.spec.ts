import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Annotation, Call, Person, Rubric, RubricSummary, Scorecard } from '../../src/shared/domain';
import { makeMedia } from '../fixtures/media';
import { expect, GamefilmServer, test } from './fixtures';
import type { ServerAddress } from './media';
import { callApi, importCall } from './media';
import { AppPage } from './pages/AppPage';
import { PacketPage } from './pages/PacketPage';

const SHOTS = resolve(__dirname, '../../screenshots');
let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-packets-'));
  mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A scored call, made through the API so this test does not depend on the coaching UI. */
async function scoredCall(server: ServerAddress): Promise<{ call: Call; overall: string }> {
  const file = await makeMedia(dir, 'ogg', { durationSec: 40, name: 'globex-demo' });
  const callId = await importCall(server, file);
  const rep = await callApi<Person>(server, 'people.create', { name: 'Ray Rep', role: 'rep' });
  const coach = await callApi<Person>(server, 'people.create', { name: 'Cora Coach', role: 'coach' });
  await callApi(server, 'people.setMe', { id: coach.id });
  const call = await callApi<Call>(server, 'calls.update', {
    id: callId,
    title: 'Demo with Globex',
    repId: rep.id,
    customer: 'Globex',
    callType: 'demo',
    callDate: '2026-04-14',
  });
  const a1 = await callApi<Annotation>(server, 'annotations.create', {
    callId,
    startSec: 6,
    endSec: 10,
    body: 'Clear agenda, buyer agreed to it',
    situation: 'Opening',
    behavior: 'Stated the agenda and asked for changes',
    impact: 'Buyer added the pricing topic',
  });
  const a2 = await callApi<Annotation>(server, 'annotations.create', {
    callId,
    startSec: 28,
    body: 'Skipped the pricing objection — come back to it',
  });
  // The rep replies from this screen: they act as "me" for it, then the coach again.
  await callApi(server, 'people.setMe', { id: rep.id });
  await callApi(server, 'annotations.reply', {
    annotationId: a2.id,
    body: 'Will prep a value slide',
  });
  await callApi(server, 'people.setMe', { id: coach.id });
  const rubrics = await callApi<RubricSummary[]>(server, 'rubrics.list');
  const rubric = await callApi<Rubric>(server, 'rubrics.get', { id: rubrics[0]?.id });
  const card = await callApi<Scorecard>(server, 'scorecards.start', {
    callId,
    rubricId: rubric.id,
  });
  const scores = [4, 3, 2, 5];
  for (const [i, s] of card.scores.entries()) {
    await callApi(server, 'scorecards.setScore', {
      id: card.id,
      criterionId: s.criterionId,
      score: scores[i] ?? 3,
      comment: i === 0 ? 'Good agenda setting' : '',
      evidence: i === 0 ? [{ annotationId: a1.id }] : i === 2 ? [{ atSec: 28 }] : undefined,
    });
  }
  await callApi(server, 'scorecards.update', { id: card.id, strengths: 'Calm pace, clear agenda' });
  await callApi(server, 'scorecards.addActionItem', {
    scorecardId: card.id,
    text: 'Prepare a pricing value slide',
    dueDate: '2026-04-21',
  });
  const submitted = await callApi<Scorecard>(server, 'scorecards.submit', { id: card.id });
  return { call, overall: submitted.overallScore?.toFixed(1) ?? '—' };
}

test('export a packet, open its page offline, read its PDF, and import it into another library', async ({
  page,
  gamefilm,
  browser,
}) => {
  test.setTimeout(180_000);
  const { call, overall } = await scoredCall(gamefilm);
  const app = new AppPage(page);
  await app.goto(gamefilm.url);
  await page.evaluate((id) => (window.location.hash = `#/calls/${encodeURIComponent(id)}`), call.id);
  await expect(page.getByLabel('Call title')).toHaveValue('Demo with Globex');

  const packets = new PacketPage(page);
  await packets.exportPacket();
  const bundle = join(dir, 'review.gamefilm');
  const html = join(dir, 'review.html');
  const pdf = join(dir, 'review.pdf');
  await packets.download(/Gamefilm packet/, bundle);
  await packets.download(/Web page/, html);
  await packets.download(/PDF/, pdf);

  // The page, from disk, with the network off: every request that is not the file itself is refused and recorded.
  const offline = await browser.newContext();
  await offline.setOffline(true);
  const outside: string[] = [];
  await offline.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const viewer = await offline.newPage();
  await viewer.goto(pathToFileURL(html).href);
  await expect(viewer.getByRole('heading', { level: 1, name: 'Demo with Globex' })).toBeVisible();
  await expect(viewer.getByText('Clear agenda, buyer agreed to it', { exact: true })).toBeVisible();
  await expect(viewer.getByRole('region', { name: /Scorecard: Cora Coach/ })).toBeVisible();
  const clip = viewer.getByRole('region', { name: /Clip 1/ }).locator('audio');
  await clip.evaluate((el: HTMLAudioElement) => {
    el.muted = true;
    return el.play();
  });
  await expect
    .poll(() => clip.evaluate((el: HTMLAudioElement) => el.currentTime), { timeout: 10_000 })
    .toBeGreaterThan(0.3);
  await viewer.screenshot({ path: join(SHOTS, 'packet-html.png'), fullPage: true });
  expect(outside).toEqual([]);
  await offline.close();

  // The PDF, rendered to an image to look at.
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(SHOTS, 'packet-pdf')]);

  // A second, fresh library imports the bundle.
  const other = new GamefilmServer(mkdtempSync(join(tmpdir(), 'gamefilm-e2e-peer-')));
  await other.start();
  try {
    // Taking a packet in is done by someone: the receiving library's "me".
    const receiver = await callApi<Person>(other, 'people.create', { name: 'Quinn Receiver', role: 'coach' });
    await callApi(other, 'people.setMe', { id: receiver.id });
    const peerPage = await (await browser.newContext()).newPage();
    const peerApp = new AppPage(peerPage);
    await peerApp.goto(other.url);
    const peer = new PacketPage(peerPage);
    await peer.inspect(bundle);
    await expect(peer.importDialog.getByText('Adds the call “Demo with Globex”.')).toBeVisible();
    await expect(peer.importDialog.getByRole('row', { name: /Scorecard by Cora Coach/ })).toBeVisible();
    await peerPage.screenshot({ path: join(SHOTS, 'packet-import-preview.png') });
    await peer.confirmImport();
    await expect(peerPage.getByLabel('Call title')).toHaveValue('Demo with Globex');
    await expect(peerPage.getByText('Clear agenda, buyer agreed to it').first()).toBeVisible();
    await expect(peerPage.getByText('Will prep a value slide').first()).toBeVisible();

    // The scorecard is there for its reviewer once this library knows who "me" is.
    const people = await callApi<Person[]>(other, 'people.list');
    await callApi(other, 'people.setMe', { id: people.find((p) => p.name === 'Cora Coach')?.id });
    await peerPage.reload();
    await peerPage.getByRole('tab', { name: 'Scorecard' }).click();
    const scorecard = peerPage.getByRole('region', { name: 'Scorecard' });
    await expect(scorecard.getByLabel('Overall score')).toContainText(overall);
    await expect(scorecard.getByText('Submitted', { exact: true })).toBeVisible();
    // Action items may render as text or as (locked) inputs; either way the words are on screen.
    const shown = () =>
      scorecard.evaluate((el) =>
        [
          el.textContent ?? '',
          ...Array.from(el.querySelectorAll('input, textarea'), (i) => (i as HTMLInputElement).value),
        ].join('\n'),
      );
    await expect.poll(shown).toContain('Prepare a pricing value slide');
    await expect.poll(shown).toContain('Calm pace, clear agenda');
    await peerPage.screenshot({ path: join(SHOTS, 'packet-imported-call.png'), fullPage: true });
  } finally {
    await other.stop();
    rmSync(other.dataDir, { recursive: true, force: true });
  }
});
