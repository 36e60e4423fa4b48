import { z } from 'zod';
import type { Id } from './ids';

export const THEMES = ['system', 'light', 'dark'] as const;
export const Theme = z.enum(THEMES);
export type Theme = z.infer<typeof Theme>;

export interface Settings {
  theme: Theme;
  /** How many automatic and manual backups of the library are kept (the oldest go first). */
  backupsToKeep: number;
  /** Individual rankings on the Recognition screen: off by default, switched by a coach or admin. */
  leaderboards: boolean;
}

/** One backup of the library database (in `<data>/backups`). */
export interface BackupInfo {
  fileName: string;
  createdAt: string;
  sizeBytes: number;
  reason: 'daily' | 'manual' | 'before-migration' | 'before-packet';
}

export interface RestoreOutcome {
  /** `now`: the library was replaced already (reload the page); `next-start`: it will be when Gamefilm starts again. */
  when: 'now' | 'next-start';
  fileName: string;
  message: string;
}

export interface AppInfo {
  version: string;
  /** Which shell the renderer is running in; only for display. */
  shell: 'electron' | 'web';
  dataDir: string;
  schemaVersion: number;
  libraryId: Id;
}
