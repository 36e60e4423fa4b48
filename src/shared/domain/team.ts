import type { Id } from './ids';

/** Another device seen in the team folder, as this library knows it. */
export interface TeamDevice {
  deviceId: string;
  /** The people whose work arrived from it (the signer of its files). */
  people: Array<{ id: Id; name: string }>;
  /** First 8 bytes of its signing key's SHA-256, for a person to compare. */
  fingerprint: string | null;
  /** The last change file imported from it: its number and when it was written there (its clock). */
  lastSeq: number;
  lastChangeAt: string | null;
  /** When this library last took a file from it (this machine's clock). */
  lastImportedAt: string | null;
  /** Files that are there but not imported yet. */
  waiting: number;
  /** Why the next file waits (a gap in the numbers, a recording not arrived), or null. */
  waitingFor: string | null;
  /** Its folder is gone from the team folder (deleted by hand, or not synced here). */
  folderMissing: boolean;
  /** Copies the sync engine made when a file changed on two sides; never imported. */
  conflictCopies: number;
}

export interface TeamQuarantined {
  deviceId: string;
  fileName: string;
  seq: number | null;
  reason: string;
  advice: string;
  at: string;
}

export interface TeamStatus {
  /** null: this library is not in a team. */
  folder: string | null;
  deviceId: string;
  /** Who this device writes as (its "me"); null while nobody is. */
  writingAs: { id: Id; name: string; fingerprint: string } | null;
  /** Change files this device wrote, and subjects waiting to be written. */
  written: number;
  outbox: number;
  lastWrittenAt: string | null;
  devices: TeamDevice[];
  quarantined: TeamQuarantined[];
  /** Catching up: files imported so far in this run, of how many found. */
  importing: { done: number; total: number } | null;
  /** The last problem writing or reading the folder (a full disk, a folder gone), in a person's words. */
  problem: string | null;
  /** The watch on the local Syncthing (accepting teammates' folders as they offer them), while Syncthing was set up here. */
  syncthing: { connected: boolean; message: string } | null;
}

export interface SyncthingInfo {
  /** Whether a `syncthing` program was found on this machine. */
  installed: boolean;
  /** Whether its REST API answered (with the key from its config.xml). */
  running: boolean;
  /** This machine's Syncthing device id (what a teammate adds). */
  deviceId: string | null;
  address: string | null;
  message: string;
}
