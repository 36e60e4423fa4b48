import type { AppInfo, BackupInfo, RestoreOutcome, Settings } from '../domain';
import { Theme } from '../domain';
import { z } from 'zod';
import { method, NoInput } from './define';

export const appContract = {
  info: method<AppInfo>()(NoInput),
};

export const settingsContract = {
  get: method<Settings>()(NoInput),
  update: method<Settings>()(
    z
      .object({
        theme: Theme.optional(),
        backupsToKeep: z.number().int().min(1).max(100).optional(),
        /** The leaderboards (off by default); only a coach or admin may switch them. */
        leaderboards: z.boolean().optional(),
      })
      .strict(),
  ),
};

export const backupsContract = {
  /** Newest first. */
  list: method<BackupInfo[]>()(NoInput),
  /** "Back up now". */
  create: method<BackupInfo>()(NoInput),
  /** After an integrity and schema-version check; the replaced library is kept, never deleted. */
  restore: method<RestoreOutcome>()(
    z.object({ fileName: z.string().min(1).max(200), when: z.enum(['now', 'next-start']) }).strict(),
  ),
};
