/**
 * A real Syncthing for tests: its own home (`--home`), free loopback ports,
 * and everything that would reach past this machine switched off — global
 * and local discovery, relays, NAT traversal, usage and crash reporting,
 * upgrades. Only the test decides who dials whom.
 */
import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SyncthingClient } from '../../../../src/main/core/team/syncthing';

const run = promisify(execFile);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface SyncthingInstance {
  client: SyncthingClient;
  id: string;
  listen: string;
  stop(): Promise<void>;
}

export async function startSyncthing(binary: string, home: string): Promise<SyncthingInstance> {
  await run(binary, ['generate', `--home=${home}`, '--no-default-folder']);
  const gui = await freePort();
  const listenPort = await freePort();
  const apiKey = randomBytes(16).toString('hex');
  const listen = `tcp://127.0.0.1:${listenPort}`;
  const path = join(home, 'config.xml');
  const set = (xml: string, tag: string, value: string) =>
    xml.replace(new RegExp(`<${tag}>[^<]*</${tag}>`, 'g'), `<${tag}>${value}</${tag}>`);
  let xml = readFileSync(path, 'utf8');
  xml = xml.replace(/(<gui\b[^>]*>[\s\S]*?<address>)[^<]*(<\/address>)/, `$1127.0.0.1:${gui}$2`);
  xml = xml.replace(/<apikey>[^<]*<\/apikey>/, `<apikey>${apiKey}</apikey>`);
  xml = set(xml, 'listenAddress', listen);
  for (const [tag, value] of [
    ['globalAnnounceEnabled', 'false'],
    ['localAnnounceEnabled', 'false'],
    ['relaysEnabled', 'false'],
    ['natEnabled', 'false'],
    ['startBrowser', 'false'],
    ['urAccepted', '-1'],
    ['autoUpgradeIntervalH', '0'],
    ['crashReportingEnabled', 'false'],
    // A first dial that finds the peer not listening yet is retried in 1 s, not the default 60 s.
    ['reconnectionIntervalS', '1'],
  ] as const)
    xml = set(xml, tag, value);
  writeFileSync(path, xml);
  const child: ChildProcess = spawn(binary, ['serve', `--home=${home}`, '--no-browser', '--no-restart'], {
    env: { ...process.env, STNOUPGRADE: '1', STNODEFAULTFOLDER: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Up when it says its API listens (its own log line, not a timer).
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`Syncthing did not start: ${log}`)), 30_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      if (/API listening on/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`Syncthing exited (${code}): ${log}`)));
  });
  const client = new SyncthingClient({ address: `http://127.0.0.1:${gui}`, apiKey });
  const id = await client.myId();
  return {
    client,
    id,
    listen,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
