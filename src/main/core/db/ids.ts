import { v7 as uuidv7 } from 'uuid';

/** Time-ordered ids (UUIDv7): packets from other machines merge without collisions. */
export const newId = (): string => uuidv7();

export const nowIso = (): string => new Date().toISOString();
