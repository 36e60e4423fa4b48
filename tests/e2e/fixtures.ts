import { test as base, expect } from '@playwright/test';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** A browser-mode Gamefilm on its own library, started the way a user starts it. */
export class GamefilmServer {
  url = '';
  token = '';
  port = 0;
  private child: ChildProcessWithoutNullStreams | null = null;
  constructor(readonly dataDir: string) {}

  async start(port = this.port): Promise<void> {
    // One process (node with tsx's loader), so a SIGKILL really takes the server down.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/web/cli.ts', '--port', String(port), '--data-dir', this.dataDir],
      {
        cwd: ROOT,
        env: { ...process.env, FORCE_COLOR: '0' },
      },
    );
    this.child = child;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    this.url = await new Promise<string>((resolveUrl, reject) => {
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const match = /Gamefilm is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))/.exec(stdout);
        if (match) {
          this.port = Number(match[2]);
          this.token = match[3]!;
          resolveUrl(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`web server exited (${code}): ${stderr}`)));
    });
  }

  /** Kills the server the hard way (as a crash would) and starts it again on the same port and library. */
  async restart(): Promise<void> {
    await this.stop('SIGKILL');
    await this.start(this.port);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill(signal);
    });
    this.child = null;
  }
}

export const test = base.extend<{ gamefilm: GamefilmServer }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  gamefilm: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gamefilm-e2e-'));
    const server = new GamefilmServer(dataDir);
    await server.start();
    await use(server);
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };
