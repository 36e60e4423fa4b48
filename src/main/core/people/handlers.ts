import type { Handlers } from '../../../shared/contract';
import type { CoreContext } from '../context';
import { ensureSigningKey } from '../signing/keys';
import { mergePeople } from './merge';
import * as people from './repository';

export const peopleHandlers = ({ db, dataDir, emit }: CoreContext): Handlers['people'] => ({
  list: () => people.listPeople(db),
  create: (input) => {
    const person = people.createPerson(db, input);
    emit('people.changed', { reason: 'created' });
    return person;
  },
  update: (input) => {
    const person = people.updatePerson(db, input);
    emit('people.changed', { reason: 'updated' });
    return person;
  },
  setMe: ({ id }) => {
    const list = people.setMe(db, id);
    // "Me" signs this library's packets: the key is made here and now, on the machine where they are me.
    if (id !== null) ensureSigningKey(db, dataDir, id);
    emit('people.changed', { reason: 'me' });
    return list;
  },
  remove: ({ id }) => {
    people.removePerson(db, id);
    emit('people.changed', { reason: 'removed' });
  },
  merge: ({ survivorId, aliasId }) => {
    mergePeople(db, dataDir, survivorId, aliasId);
    emit('people.changed', { reason: 'merged' });
    return people.getPerson(db, survivorId);
  },
  teams: () => people.listTeams(db),
  createTeam: ({ name }) => {
    const team = people.createTeam(db, name);
    emit('people.changed', { reason: 'teams' });
    return team;
  },
  renameTeam: ({ id, name }) => {
    const team = people.renameTeam(db, id, name);
    emit('people.changed', { reason: 'teams' });
    return team;
  },
  removeTeam: ({ id }) => {
    people.removeTeam(db, id);
    emit('people.changed', { reason: 'teams' });
  },
  restore: ({ id }) => {
    const person = people.restorePerson(db, id);
    emit('people.changed', { reason: 'restored' });
    return person;
  },
});
