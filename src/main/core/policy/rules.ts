import type { Domain, MethodOf } from '../../../shared/contract';

/**
 * What kind of method each contract method is, for the policy:
 * - `open`: library furniture (calls, transcripts, rubrics, drills as written,
 *   settings, people). Anyone at this screen may use it; it returns nobody's
 *   scoring or feedback.
 * - `acts`: a change made by the acting person (the library's "me"): they
 *   become the author, reviewer or owner. Refused with `no_actor` when no one
 *   is "me"; who may change what is decided in `ownership.ts`.
 * - `scoring`: returns scores or feedback about people. Needs an actor, and
 *   every score in the answer passes the blind rule in `scoring.ts`.
 * - `room`: a review session on a shared screen. The facilitator runs it;
 *   what is captured records whom it is from and for, as the room says.
 */
export type Rule = 'open' | 'acts' | 'scoring' | 'room';

export type RuleTable = { [D in Domain]: { [M in MethodOf<D>]: Rule } };

/** Every method of the contract. A method missing here does not compile, and the dispatcher refuses it. */
export const RULES: RuleTable = {
  annotations: {
    list: 'open',
    create: 'acts',
    update: 'acts',
    remove: 'acts',
    restore: 'acts',
    reply: 'acts',
    updateReply: 'acts',
    removeReply: 'acts',
    tags: 'open',
    createTag: 'open',
    updateTag: 'open',
    removeTag: 'open',
  },
  app: { info: 'open' },
  // A restore replaces everyone's work with an older copy: it needs someone to be "me" (and a confirmation on screen).
  backups: { list: 'open', create: 'open', restore: 'acts' },
  calls: {
    list: 'open',
    get: 'open',
    // Open to anyone at the screen; the scorecard notes among its hits pass the blind rule for the
    // actor (with no actor there are none).
    search: 'open',
    update: 'open',
    setPosition: 'open',
    import: 'open',
    cancelImport: 'open',
    imports: 'open',
    dismissImport: 'open',
    peaks: 'open',
    remove: 'open',
    restore: 'open',
    emptyTrash: 'open',
    relink: 'open',
    tags: 'open',
    openSample: 'open',
    removeSample: 'open',
  },
  drills: {
    list: 'open',
    get: 'open',
    create: 'open',
    update: 'open',
    remove: 'open',
    restore: 'open',
    tags: 'open',
    fromCall: 'open',
    recordAttempt: 'acts',
    attempt: 'scoring',
    // Open: with no actor it answers an empty history; with one, the blind rule applies.
    history: 'open',
    removeAttempt: 'acts',
    restoreAttempt: 'acts',
    scoreAttempt: 'acts',
    attemptScorecards: 'scoring',
    plan: 'scoring',
  },
  goals: {
    // Progress on a criterion's average is built from scores: the viewer's blind rule applies.
    forPerson: 'scoring',
    propose: 'scoring',
    // A rep sets their own goals, a coach or admin anyone's (recognition/goals.ts).
    create: 'acts',
    remove: 'acts',
    nextBestAction: 'scoring',
  },
  // Conversation figures and tracker hits are about calls, not anyone's scoring of them.
  insights: {
    forCall: 'open',
    forRep: 'open',
    trackerTrends: 'open',
    backlog: 'open',
    skillHeatmap: 'scoring',
    skillProgress: 'scoring',
    skillEvidence: 'scoring',
    coachingActivity: 'scoring',
  },
  jobs: { list: 'open', cancel: 'open', retry: 'open' },
  kudos: {
    badges: 'open',
    addBadge: 'open',
    updateBadge: 'open',
    removeBadge: 'open',
    // Kudos are given in the room as often as at a desk: the giver is named as the room says.
    give: 'room',
    remove: 'room',
    list: 'open',
  },
  models: {
    list: 'open',
    download: 'open',
    pause: 'open',
    cancel: 'open',
    import: 'open',
    remove: 'open',
    setDefault: 'open',
    settings: 'open',
    updateSettings: 'open',
  },
  packets: {
    export: 'scoring',
    exportAttempt: 'scoring',
    exportJob: 'open',
    cancelExport: 'open',
    // What a packet may change is decided by its signatures (author's key, submitted items), not by
    // who clicks Import (see packets/plan.ts); but someone must be "me" to take a packet in, so the
    // library knows whose machine trusted a new key.
    inspect: 'acts',
    import: 'acts',
    discard: 'open',
  },
  people: {
    list: 'open',
    create: 'open',
    update: 'open',
    setMe: 'open',
    remove: 'open',
    restore: 'open',
    merge: 'open',
    teams: 'open',
    createTeam: 'open',
    renameTeam: 'open',
    removeTeam: 'open',
  },
  recognition: {
    // The giver is the acting person; only they take their kudos back.
    give: 'acts',
    remove: 'acts',
    // Kudos and celebrations are public thanks, not scoring: celebration titles carry no scores.
    wall: 'open',
    forPerson: 'open',
    notifications: 'acts',
    markRead: 'acts',
    // The boards show "you" and rank improvement built from scores (each person's own visible ones).
    boards: 'scoring',
    // A coach or admin sets the team goal (recognition/boards.ts).
    setTeamGoal: 'acts',
    removeTeamGoal: 'acts',
    // Beside each person's score change: the viewer's blind rule applies; coaches, facilitators, admins only.
    insights: 'scoring',
  },
  rubrics: {
    list: 'open',
    get: 'open',
    getVersion: 'open',
    create: 'open',
    update: 'open',
    remove: 'open',
    restore: 'open',
    removeVersion: 'open',
  },
  scorecards: {
    forCall: 'scoring',
    get: 'scoring',
    start: 'acts',
    setScore: 'acts',
    update: 'acts',
    submit: 'acts',
    reopen: 'acts',
    remove: 'acts',
    restore: 'acts',
    addActionItem: 'acts',
    updateActionItem: 'acts',
    setActionItemDone: 'acts',
    removeActionItem: 'acts',
    calibrate: 'acts',
    forRep: 'scoring',
  },
  sessions: {
    list: 'open',
    templates: 'open',
    get: 'room',
    create: 'room',
    update: 'room',
    setAttendance: 'room',
    remove: 'room',
    restore: 'room',
    addItem: 'room',
    updateItem: 'room',
    removeItem: 'room',
    moveItem: 'room',
    setDealNote: 'room',
    rotateRoles: 'room',
    start: 'room',
    goTo: 'room',
    setTimer: 'room',
    setPlayback: 'room',
    finish: 'room',
    addFeedback: 'room',
    removeFeedback: 'room',
    addActionItem: 'room',
    setScore: 'room',
    peaks: 'open',
    openPresenter: 'open',
    summary: 'room',
    exportHtml: 'room',
    // A person's page: kudos and how they took part in sessions (the room's record, not blind scoring).
    forPerson: 'room',
  },
  settings: { get: 'open', update: 'open' },
  // Joining needs nobody to be "me" (a new member catches up, then picks themselves among the people
  // who arrived); writing waits for a "me" and signs as them. What arrives is decided by signatures.
  team: {
    status: 'open',
    join: 'open',
    leave: 'open',
    rescan: 'open',
    retry: 'open',
    syncthing: 'open',
    syncthingAddPeer: 'open',
  },
  trackers: { list: 'open', create: 'open', update: 'open', remove: 'open' },
  transcripts: {
    get: 'open',
    transcribe: 'open',
    transcribeAll: 'open',
    backlog: 'open',
    updateSegment: 'open',
    assignSpeaker: 'open',
    addSpeaker: 'open',
    updateSpeaker: 'open',
    search: 'open',
    export: 'open',
  },
};

/** The rule for a channel's method, or undefined when it has none (the dispatcher then refuses it). */
export function ruleOf(domain: string, name: string, table: RuleTable = RULES): Rule | undefined {
  const rules = (table as Record<string, Record<string, Rule> | undefined>)[domain];
  return rules && Object.hasOwn(rules, name) ? rules[name] : undefined;
}

/** Methods that act as someone or show scoring need to know who is asking. */
export const needsActor = (rule: Rule): boolean => rule === 'acts' || rule === 'scoring';
