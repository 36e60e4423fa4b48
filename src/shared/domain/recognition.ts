import type { Id, Timestamp } from './ids';
import type { Kudos } from './sessions';

/** Milestones that celebrate themselves, computed from the data (never typed in). */
export const CELEBRATION_KINDS = [
  'personal_best',
  'goal_reached',
  'streak',
  'criterion_up',
  'first_self_review',
  'action_items_done',
] as const;
export type CelebrationKind = (typeof CELEBRATION_KINDS)[number];

/** An automatic celebration: what happened, for whom, and the moment it links back to. */
export interface Celebration {
  id: Id;
  kind: CelebrationKind;
  personId: Id;
  personName: string;
  title: string;
  callId: Id | null;
  attemptId: Id | null;
  drillId: Id | null;
  scorecardId: Id | null;
  goalId: Id | null;
  occurredAt: Timestamp;
}

/** One line of the recognition wall: kudos someone gave, or a celebration (marked automatic). */
export type WallItem =
  | { type: 'kudos'; id: Id; at: Timestamp; kudos: Kudos }
  | { type: 'celebration'; id: Id; at: Timestamp; celebration: Celebration };

/** A person's recognition: kudos received and given, and their celebrations; newest first. */
export interface PersonRecognition {
  personId: Id;
  received: Kudos[];
  given: Kudos[];
  celebrations: Celebration[];
}

/** An in-app notification for the acting person. */
export interface AppNotification {
  id: Id;
  at: Timestamp;
  read: boolean;
  kudos: Kudos | null;
  celebration: Celebration | null;
}

export interface NotificationList {
  unread: number;
  items: AppNotification[];
}
