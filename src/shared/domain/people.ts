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
  createdAt: Timestamp;
  updatedAt: Timestamp;
}
