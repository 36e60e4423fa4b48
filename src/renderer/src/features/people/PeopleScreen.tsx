import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { Person, PersonRole, Team } from '../../../../shared/domain';
import { PERSON_ROLES } from '../../../../shared/domain';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { MergePeopleDialog } from './MergePeopleDialog';
import { usePeople } from './store';

const ROLE_LABELS: Record<PersonRole, string> = {
  rep: 'Rep',
  coach: 'Coach',
  facilitator: 'Facilitator',
  admin: 'Admin',
};

function AddPersonForm() {
  const create = usePeople((s) => s.create);
  const [name, setName] = useState('');
  const [role, setRole] = useState<PersonRole>('rep');
  const nameId = useId();
  const roleId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    if (await create(name.trim(), role)) setName('');
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label="Add a person">
      <label htmlFor={nameId}>Name</label>
      <input
        id={nameId}
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="e.g. Dana Ruiz"
        maxLength={120}
      />
      <label htmlFor={roleId}>Role</label>
      <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as PersonRole)}>
        {PERSON_ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-primary" disabled={!name.trim()}>
        Add person
      </button>
    </form>
  );
}

function PersonRow({
  person,
  onRemove,
  onMerge,
}: {
  person: Person;
  onRemove: (p: Person) => void;
  onMerge: (p: Person) => void;
}) {
  const { setMe, setRole, rename, teams, setTeam } = usePeople();
  // The row is keyed by id and name, so a rename elsewhere resets this draft.
  const [draft, setDraft] = useState(person.name);

  const commitName = () => {
    if (draft.trim() && draft.trim() !== person.name) void rename(person.id, draft.trim());
    else setDraft(person.name);
  };

  return (
    <li className="person-row" aria-label={person.name}>
      <input
        className="person-name"
        aria-label={`Name of ${person.name}`}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commitName}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') setDraft(person.name);
        }}
      />
      <select
        aria-label={`Role of ${person.name}`}
        value={person.role}
        onChange={(e) => void setRole(person.id, e.target.value as PersonRole)}
      >
        {PERSON_ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      {teams.length > 0 && (
        <select
          aria-label={`Team of ${person.name}`}
          value={person.teamId ?? ''}
          onChange={(e) => void setTeam(person.id, e.target.value || null)}
        >
          <option value="">No team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      )}
      {person.isMe ? (
        <span className="badge" aria-label={`${person.name} is me`}>
          This is me
        </span>
      ) : (
        <button type="button" className="button button-quiet" onClick={() => void setMe(person.id)}>
          This is me
        </button>
      )}
      <a
        className="button button-quiet person-page-link"
        href={`#/people/${encodeURIComponent(person.id)}`}
        aria-label={`Page of ${person.name}`}
      >
        Page
      </a>
      <button
        type="button"
        className="button button-quiet"
        aria-label={`Merge ${person.name} into someone else`}
        onClick={() => onMerge(person)}
      >
        Merge…
      </button>
      <button
        type="button"
        className="button button-quiet"
        aria-label={`Remove ${person.name}`}
        onClick={() => onRemove(person)}
      >
        Remove
      </button>
    </li>
  );
}

function TeamRow({ team, onRemove }: { team: Team; onRemove: (t: Team) => void }) {
  const renameTeam = usePeople((s) => s.renameTeam);
  const [draft, setDraft] = useState(team.name);
  const commit = () => {
    if (draft.trim() && draft.trim() !== team.name) void renameTeam(team.id, draft.trim());
    else setDraft(team.name);
  };
  return (
    <li className="person-row team-row" aria-label={`Team ${team.name}`}>
      <input
        className="person-name"
        aria-label={`Name of the team ${team.name}`}
        value={draft}
        maxLength={80}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') setDraft(team.name);
        }}
      />
      <span className="hint">{team.members === 1 ? '1 person' : `${team.members} people`}</span>
      <button
        type="button"
        className="button button-quiet"
        aria-label={`Remove the team ${team.name}`}
        onClick={() => onRemove(team)}
      >
        Remove
      </button>
    </li>
  );
}

/** Named groups inside the library ("SMB East"): a person is in one at most; Insights filters by them. */
function TeamsSection() {
  const { teams, createTeam, removeTeam } = usePeople();
  const [name, setName] = useState('');
  const [pending, setPending] = useState<Team | null>(null);
  const nameId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    if (await createTeam(name.trim())) setName('');
  };
  return (
    <section className="panel teams-section" aria-labelledby={`${nameId}-heading`}>
      <h2 id={`${nameId}-heading`}>Teams</h2>
      <p className="hint">Group people into teams to compare them in Insights. Everyone can be in one team.</p>
      <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label="Add a team">
        <label htmlFor={nameId}>Team name</label>
        <input
          id={nameId}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. SMB East"
          maxLength={80}
        />
        <button type="submit" className="button" disabled={!name.trim()}>
          Add team
        </button>
      </form>
      {teams.length > 0 && (
        <ul className="people-list" aria-label="Teams">
          {teams.map((t) => (
            <TeamRow key={`${t.id}:${t.name}`} team={t} onRemove={setPending} />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => !open && setPending(null)}
        title={`Remove the team ${pending?.name ?? ''}?`}
        description="Its people stay, in no team; their calls and scores are untouched."
        confirmLabel="Remove team"
        onConfirm={() => {
          if (pending) void removeTeam(pending);
          setPending(null);
        }}
      />
    </section>
  );
}

export function PeopleScreen() {
  const { people, teams, loaded, remove } = usePeople();
  const [pending, setPending] = useState<Person | null>(null);
  const [merging, setMerging] = useState<Person | null>(null);

  return (
    <div className="screen">
      <header className="screen-header">
        <h1>People</h1>
        <p className="screen-lede">
          Reps, coaches and facilitators on your team. Pick who you are so your reviews carry your name.
        </p>
      </header>
      <AddPersonForm />
      {loaded && people.length === 0 ? (
        <EmptyState title="No people yet">
          Add yourself first, then the reps whose calls you review. Mark yourself with “This is me”.
        </EmptyState>
      ) : (
        <ul className={teams.length > 0 ? 'people-list with-teams' : 'people-list'} aria-label="People">
          {people.map((p) => (
            <PersonRow key={`${p.id}:${p.name}`} person={p} onRemove={setPending} onMerge={setMerging} />
          ))}
        </ul>
      )}
      {loaded && people.length > 0 && <TeamsSection />}
      <MergePeopleDialog alias={merging} onClose={() => setMerging(null)} />
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => !open && setPending(null)}
        title={`Remove ${pending?.name ?? ''}?`}
        description="Their reviews and scores keep their name. You can undo this right after."
        confirmLabel="Remove"
        onConfirm={() => {
          if (pending) void remove(pending);
          setPending(null);
        }}
      />
    </div>
  );
}
