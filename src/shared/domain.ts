import { z } from 'zod';

/** UUIDv7: time-ordered, so rows from other machines merge without collisions. */
export const Id = z.uuid({ version: 'v7', message: 'Expected a Gamefilm id (UUIDv7)' });
export type Id = z.infer<typeof Id>;

/** ISO-8601 timestamp in UTC, as stored in the database. */
export type Timestamp = string;

export const PERSON_ROLES = ['rep', 'coach', 'facilitator', 'manager'] as const;
export const PersonRole = z.enum(PERSON_ROLES);
export type PersonRole = z.infer<typeof PersonRole>;

export interface Person {
  id: Id;
  name: string;
  role: PersonRole;
  email: string | null;
  isMe: boolean;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

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
