import type { ChosenFile, FilePurpose } from '../files';
import type { z } from 'zod';
import type { Attempt, Call, ImportJob, Person, WhisperModel } from '../domain';
import type { Subscribe } from '../events';
import type { PacketPreview } from '../packets/types';
import type { Result } from '../result';
import { annotationsContract } from './annotations';
import { appContract, backupsContract, settingsContract } from './app';
import { callsContract } from './calls';
import type { MethodSpec } from './define';
import { drillsContract } from './drills';
import { insightsContract, trackersContract } from './insights';
import { packetsContract } from './packets';
import { peopleContract } from './people';
import { goalsContract, recognitionContract } from './recognition';
import { rubricsContract } from './rubrics';
import { scorecardsContract } from './scorecards';
import { kudosContract, sessionsContract } from './sessions';
import { teamContract } from './team';
import { jobsContract, modelsContract, transcriptsContract } from './transcripts';

/**
 * The one contract between the renderer and the core. Each domain declares
 * its methods (zod input schema + result type) in its own module; this object
 * joins them. Main, preload, the browser-mode server and the renderer's api
 * client are all typed from it, so nothing restates a channel name.
 */
export const contract = {
  annotations: annotationsContract,
  app: appContract,
  backups: backupsContract,
  calls: callsContract,
  drills: drillsContract,
  goals: goalsContract,
  insights: insightsContract,
  jobs: jobsContract,
  kudos: kudosContract,
  models: modelsContract,
  packets: packetsContract,
  people: peopleContract,
  recognition: recognitionContract,
  rubrics: rubricsContract,
  scorecards: scorecardsContract,
  sessions: sessionsContract,
  settings: settingsContract,
  team: teamContract,
  trackers: trackersContract,
  transcripts: transcriptsContract,
} as const;

export type Contract = typeof contract;
export type Domain = keyof Contract;
export type MethodOf<D extends Domain> = keyof Contract[D] & string;
type Spec<D extends Domain, M extends MethodOf<D>> = Contract[D][M];

export type InputOf<D extends Domain, M extends MethodOf<D>> =
  Spec<D, M> extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<D extends Domain, M extends MethodOf<D>> =
  Spec<D, M> extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<D extends Domain, M extends MethodOf<D>> =
  Spec<D, M> extends MethodSpec<z.ZodType, infer O> ? O : never;

/** What the renderer calls: `api.people.create({ name, role })`. */
export type Api = {
  [D in Domain]: {
    [M in MethodOf<D>]: undefined extends InputOf<D, M>
      ? (input?: InputOf<D, M>) => Promise<Result<OutputOf<D, M>>>
      : (input: InputOf<D, M>) => Promise<Result<OutputOf<D, M>>>;
  };
};

/**
 * What every handler gets beside its input: who is acting. The core reads it
 * (the library's "me") for each request; no page can fill it in.
 */
export interface RequestContext {
  actor: Person | null;
}

/** What the core implements: parsed input and the request's context in, plain value (or AppError) out. */
export type Handlers = {
  [D in Domain]: {
    [M in MethodOf<D>]: (input: ParsedInputOf<D, M>, ctx: RequestContext) => OutputOf<D, M> | Promise<OutputOf<D, M>>;
  };
};

/** The IPC channel / HTTP path segment for a method: `people.create`. */
export const channelOf = (domain: string, name: string): string => `${domain}.${name}`;

/** Every (domain, method) pair, for registration loops. */
export const methodNames = (): Array<[Domain, string]> =>
  (Object.keys(contract) as Domain[]).flatMap((d) => Object.keys(contract[d]).map((m) => [d, m] as [Domain, string]));

/**
 * What the page gets: the whole Api, event subscription, and the two things
 * that depend on the shell — how a recording is addressed, and how files the
 * person chose reach the core (a path under Electron, an upload in a browser).
 */
export type Gamefilm = Api & {
  on: Subscribe;
  mediaUrl: (fileName: string) => string;
  importFiles: (files: File[]) => Promise<Result<ImportJob[]>>;
  /** Points a call whose file went missing at the person's copy of the same recording. */
  relinkFile: (callId: string, file: File) => Promise<Result<Call>>;
  /** Adds a whisper model file the person already has (validated before it is kept). */
  importModelFile: (file: File) => Promise<Result<WhisperModel>>;
  /** Checks a `.gamefilm` packet the person chose and previews its import (nothing changes yet). */
  inspectPacketFile: (file: File) => Promise<Result<PacketPreview>>;
  /** A link that downloads an exported packet file, or null where files are shown by path (desktop). */
  exportUrl: (fileName: string) => string | null;
  /** Keeps a recorded drill answer (MediaRecorder's Blob) as an attempt: IPC bytes under Electron, an upload in a browser. */
  saveAttempt: (drillId: string, recording: Blob) => Promise<Result<Attempt>>;
  /**
   * Electron only: the main process's open dialog for a purpose; the chosen files come back as
   * handles for the contract's methods (none when cancelled). Browser mode has no such dialog:
   * the page's own file input uploads what is chosen.
   */
  chooseFiles?: (purpose: FilePurpose) => Promise<Result<ChosenFile[]>>;
  /** Electron only: the main process's folder dialog (create allowed); the chosen folder's path, or null when cancelled. */
  chooseFolder?: () => Promise<Result<string | null>>;
};

/**
 * Builds the Api object over a transport (IPC in the preload, HTTP in
 * browser mode), so both expose exactly the contract's named functions.
 */
export function buildApi(invoke: (channel: string, input: unknown) => Promise<Result<unknown>>): Api {
  const api: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>> = {};
  for (const [domain, name] of methodNames()) {
    const group = (api[domain] ??= {});
    group[name] = (input?: unknown) => invoke(channelOf(domain, name), input);
  }
  return api as unknown as Api;
}
