import { z } from 'zod';
import type { Id } from './ids';

export const THEMES = ['system', 'light', 'dark'] as const;
export const Theme = z.enum(THEMES);
export type Theme = z.infer<typeof Theme>;

export interface Settings {
  theme: Theme;
}

export interface AppInfo {
  version: string;
  /** Which shell the renderer is running in; only for display. */
  shell: 'electron' | 'web';
  dataDir: string;
  schemaVersion: number;
  libraryId: Id;
}
