import { create } from 'zustand';
import type { Id, Person, PersonRole, Team } from '../../../../shared/domain';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError, useNotices } from '../../app/notices';

interface PeopleState {
  people: Person[];
  /** The library's teams, by name. */
  teams: Team[];
  loaded: boolean;
  load: () => Promise<void>;
  create: (name: string, role: PersonRole) => Promise<Person | null>;
  rename: (id: Id, name: string) => Promise<void>;
  setRole: (id: Id, role: PersonRole) => Promise<void>;
  setMe: (id: Id | null) => Promise<void>;
  remove: (person: Person) => Promise<void>;
  /** Joins `alias` into `survivor` (asked and confirmed in MergePeopleDialog). */
  merge: (survivor: Person, alias: Person) => Promise<void>;
  /** Puts a person in a team (null: in none). */
  setTeam: (id: Id, teamId: Id | null) => Promise<void>;
  createTeam: (name: string) => Promise<Team | null>;
  renameTeam: (id: Id, name: string) => Promise<void>;
  removeTeam: (team: Team) => Promise<void>;
}

const initial = { people: [] as Person[], teams: [] as Team[], loaded: false };

export const usePeople = create<PeopleState>((set, get) => ({
  ...initial,
  load: async () => {
    try {
      const [people, teams] = await Promise.all([unwrap(api.people.list()), unwrap(api.people.teams())]);
      set({ people, teams, loaded: true });
    } catch (error) {
      reportError(error);
    }
  },
  create: async (name, role) => {
    try {
      const person = await unwrap(api.people.create({ name, role }));
      await get().load();
      return person;
    } catch (error) {
      reportError(error);
      return null;
    }
  },
  rename: async (id, name) => {
    try {
      await unwrap(api.people.update({ id, name }));
      await get().load();
    } catch (error) {
      reportError(error);
    }
  },
  setRole: async (id, role) => {
    try {
      await unwrap(api.people.update({ id, role }));
      await get().load();
    } catch (error) {
      reportError(error);
    }
  },
  setMe: async (id) => {
    try {
      set({ people: await unwrap(api.people.setMe({ id })) });
    } catch (error) {
      reportError(error);
    }
  },
  merge: async (survivor, alias) => {
    try {
      await unwrap(api.people.merge({ survivorId: survivor.id, aliasId: alias.id }));
      await get().load();
      useNotices.getState().show({ kind: 'info', text: `Merged ${alias.name} into ${survivor.name}.` });
    } catch (error) {
      reportError(error);
    }
  },
  setTeam: async (id, teamId) => {
    try {
      await unwrap(api.people.update({ id, teamId }));
      await get().load();
    } catch (error) {
      reportError(error);
    }
  },
  createTeam: async (name) => {
    try {
      const team = await unwrap(api.people.createTeam({ name }));
      await get().load();
      return team;
    } catch (error) {
      reportError(error);
      return null;
    }
  },
  renameTeam: async (id, name) => {
    try {
      await unwrap(api.people.renameTeam({ id, name }));
      await get().load();
    } catch (error) {
      reportError(error);
    }
  },
  removeTeam: async (team) => {
    try {
      await unwrap(api.people.removeTeam({ id: team.id }));
      await get().load();
      useNotices.getState().show({
        kind: 'info',
        text: `Removed the team ${team.name}. Its ${team.members === 1 ? 'member is' : 'members are'} now in no team.`,
      });
    } catch (error) {
      reportError(error);
    }
  },
  remove: async (person) => {
    try {
      await unwrap(api.people.remove({ id: person.id }));
      await get().load();
      useNotices.getState().show({
        kind: 'info',
        text: `Removed ${person.name}.`,
        action: {
          label: 'Undo',
          run: () => {
            void unwrap(api.people.restore({ id: person.id }))
              .then(() => get().load())
              .catch(reportError);
          },
        },
      });
    } catch (error) {
      reportError(error);
    }
  },
}));

/** For tests: every store starts from the same place. */
export const resetPeopleStore = () => usePeople.setState(initial);

export const useMe = () => usePeople((s) => s.people.find((p) => p.isMe) ?? null);
