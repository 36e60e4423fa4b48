import { z } from 'zod';

/** UUIDv7: time-ordered, so rows from other machines merge without collisions. */
export const Id = z.uuid({ version: 'v7', message: 'Expected a Gamefilm id (UUIDv7)' });
export type Id = z.infer<typeof Id>;

/** ISO-8601 timestamp in UTC, as stored in the database. */
export type Timestamp = string;
