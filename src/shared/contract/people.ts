import { z } from 'zod';
import type { Person, Team } from '../domain';
import { Id, PersonRole } from '../domain';
import { method, NoInput } from './define';

const TeamName = z.string().trim().min(1, 'A team needs a name').max(80, 'Keep the team name under 80 characters');
const PersonName = z.string().trim().min(1, 'A name is required').max(120, 'Keep the name under 120 characters');

export const peopleContract = {
  list: method<Person[]>()(NoInput),
  create: method<Person>()(z.object({ name: PersonName, role: PersonRole, email: z.email().nullish() }).strict()),
  update: method<Person>()(
    z
      .object({
        id: Id,
        name: PersonName.optional(),
        role: PersonRole.optional(),
        email: z.email().nullish(),
        /** null takes the person out of their team. */
        teamId: Id.nullish(),
      })
      .strict(),
  ),
  /** Marks who "me" is on this machine; null clears it. At most one person is me. */
  setMe: method<Person[]>()(z.object({ id: Id.nullable() }).strict()),
  /** Soft delete: authored work keeps its author; restore brings the person back. */
  remove: method<void>()(z.object({ id: Id }).strict()),
  restore: method<Person>()(z.object({ id: Id }).strict()),
  /**
   * Joins two records of the same human: everything of `aliasId` moves to
   * `survivorId`, which is answered; the alias keeps resolving to it and
   * travels in packets so other libraries merge the two as well.
   */
  merge: method<Person>()(z.object({ survivorId: Id, aliasId: Id }).strict()),
  /** The library's teams (named groups of people), by name. */
  teams: method<Team[]>()(NoInput),
  createTeam: method<Team>()(z.object({ name: TeamName }).strict()),
  renameTeam: method<Team>()(z.object({ id: Id, name: TeamName }).strict()),
  /** Members stay, without a team. */
  removeTeam: method<void>()(z.object({ id: Id }).strict()),
};
