import { z } from 'zod';
import type { Id, Timestamp } from './ids';

export const PERSON_ROLES = ['rep', 'coach', 'facilitator', 'admin'] as const;
export const PersonRole = z.enum(PERSON_ROLES);
export type PersonRole = z.infer<typeof PersonRole>;

export interface Person {
  id: Id;
  name: string;
  role: PersonRole;
  email: string | null;
  isMe: boolean;
  /** The team (a named group inside the library) this person belongs to, if any. */
  teamId: Id | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A named group of people inside the library ("SMB East"); Insights filters by it. */
export interface Team {
  id: Id;
  name: string;
  /** Live people in the team. */
  members: number;
}
