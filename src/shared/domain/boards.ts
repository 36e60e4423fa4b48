import type { Id } from './ids';

/** The boards a team can turn on: each rewards improvement, consistency or helping others, never raw scores. */
export const BOARD_KINDS = ['most_improved', 'consistency', 'peer_help'] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

/** How many places a board shows to everyone (the viewer's own row is always added). */
export const BOARD_TOP_N = 5;
/** Fewer submitted scorecards than this in either period and a person is not ranked on "most improved". */
export const BOARD_MIN_SCORES = 3;

/** Where a person stands on a board. */
export interface BoardRow {
  personId: Id;
  name: string;
  /** 1-based; people tied share a position (1, 2, 2, 4). */
  position: number;
  /** "1st", "tied 2nd". */
  label: string;
  tied: boolean;
  /** The viewer's own row. */
  you: boolean;
  /** most_improved: the change of the person's average (their own scores, submitted) over their baseline. */
  improvement?: number;
  /**
   * most_improved, on the viewer's own row only: their averages now and before (others see the change
   * alone, never anyone's scores).
   */
  averageNow?: number | null;
  averageBefore?: number | null;
  /** most_improved: submitted scorecards in the period and in the baseline. */
  scorecardsNow?: number;
  scorecardsBefore?: number;
  /** consistency: the longest run of days with a kept drill attempt, the run still going, days practised. */
  longestStreakDays?: number;
  currentStreakDays?: number;
  daysPractised?: number;
  /** peer_help: reviews given (peer or coach), kudos given, feedback written on others' calls, and their sum. */
  reviewsGiven?: number;
  kudosGiven?: number;
  feedbackWritten?: number;
  helpCount?: number;
}

/** Someone with too little data to rank: shown with the reason, never with a position. */
export interface BoardUnranked {
  personId: Id;
  name: string;
  you: boolean;
  /** "not ranked: too few scores (2)". */
  label: string;
}

/** The viewer against their own previous period on a board. */
export interface BoardTrend {
  previousLabel: string | null;
  previousPosition: number | null;
  /** The same board's figure in the previous period (improvement, longest streak, or help count). */
  previousFigure: number | null;
}

export interface Board {
  kind: BoardKind;
  title: string;
  /** What is ranked, in a sentence. */
  description: string;
  /** The top places (ties at the edge included, the bottom place never), then the viewer's row when lower. */
  rows: BoardRow[];
  /** The viewer's own row (ranked or not), null when they have no data on this board. */
  you: BoardRow | null;
  youUnranked: BoardUnranked | null;
  trend: BoardTrend | null;
  /** People with some data but too little to rank (most improved only). */
  unranked: BoardUnranked[];
  /** How many people are ranked (positions are out of this). */
  rankedCount: number;
}

/** One person's part in the team goal. */
export interface TeamGoalShare {
  personId: Id;
  name: string;
  count: number;
  /** Of the team's total so far, 0..100, one decimal. */
  percent: number;
  you: boolean;
}

/** The team goal everyone moves together: kept drill attempts in its period. */
export interface TeamGoal {
  id: Id;
  metric: 'team_drill_attempts';
  target: number;
  startDate: string;
  endDate: string;
  setByName: string;
  /** Kept attempts by people on the team, in the period up to today. */
  total: number;
  /** 0..1 of the target. */
  fraction: number;
  reached: boolean;
  shares: TeamGoalShare[];
}

export interface Boards {
  /** Off by default: while off no ranking is computed, and `boards` is empty. */
  enabled: boolean;
  from: string;
  to: string;
  /** The previous period of the same length: the baseline for "most improved" and the trend. */
  baselineFrom: string;
  baselineTo: string;
  boards: Board[];
  /** The team goal of the period (shown while the boards are off too: it is a shared figure). */
  teamGoal: TeamGoal | null;
  /** The viewer may switch the boards and set the team goal (coaches and admins). */
  canManage: boolean;
}
