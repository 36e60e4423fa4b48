import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useState } from 'react';
import type { Attempt, Call, Drill } from '../../../../shared/domain';
import type { PacketExportJob, PacketFile } from '../../../../shared/packets/types';
import { api } from '../../api/client';
import { unwrap } from '../../api/unwrap';
import { reportError } from '../../app/notices';
import { followJob } from '../../lib/jobs';
import { useMe } from '../people/store';
import './packets.css';

/** Who the packet will be signed by: what an importer's preview will name, and what they will accept from it. */
function SigningNote() {
  const me = useMe();
  return me ? (
    <p className="packet-muted">
      Signed by <strong>{me.name}</strong> (“This is me” on this machine). Other libraries take changes from it only to
      what {me.name} wrote.
    </p>
  ) : (
    <p className="packet-muted">
      Nobody is marked “This is me”, so this packet goes out unsigned: other libraries take only its new items.
    </p>
  );
}

type Choice = {
  media: 'whole' | 'clips';
  contextSec: number;
  transcript: 'whole' | 'excerpts' | 'none';
  annotations: boolean;
  scorecards: boolean;
  actionItems: boolean;
  includePrivate: boolean;
};

const DEFAULTS: Choice = {
  media: 'clips',
  contextSec: 5,
  transcript: 'excerpts',
  annotations: true,
  scorecards: true,
  actionItems: true,
  includePrivate: false,
};

const FILE_LABELS: Record<PacketFile['kind'], string> = {
  bundle: 'Gamefilm packet (.gamefilm)',
  html: 'Web page (opens in any browser)',
  pdf: 'PDF',
};

const size = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

/** What a packet is of: a call, or one drill attempt (with its drill). */
export type PacketSubjectRef = { kind: 'call'; call: Call } | { kind: 'attempt'; attempt: Attempt; drill: Drill };

/**
 * "Export packet…" on the call screen and on an attempt's review: choose what
 * goes in, follow the build, download the files. An attempt always travels
 * whole (it is short) and has no annotations, so its form asks less.
 */
export function ExportPacketDialog({ subject }: { subject: PacketSubjectRef }) {
  const isCall = subject.kind === 'call';
  const title = subject.kind === 'call' ? subject.call.title : `${subject.drill.title} (drill attempt)`;
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Choice>(DEFAULTS);
  const [job, setJob] = useState<PacketExportJob | null>(null);

  // Only this dialog's job is followed, from the moment it starts: a job that
  // finished before the events arrived is still seen (followJob reads its state).
  const [started, setStarted] = useState<PacketExportJob | null>(null);
  useEffect(() => (started ? followJob('packetExport', started, setJob) : undefined), [started]);

  const set = <K extends keyof Choice>(key: K, value: Choice[K]) => setChoice((c) => ({ ...c, [key]: value }));
  const running = job?.state === 'running';

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next && running && job) void api.packets.cancelExport({ jobId: job.jobId });
        if (next) {
          setJob(null);
          setStarted(null);
        }
        setOpen(next);
      }}
    >
      <Dialog.Trigger className="button">Export packet…</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog packet-dialog">
          <Dialog.Title className="dialog-title">Export a review packet</Dialog.Title>
          <Dialog.Description className="dialog-description">
            A <code>.gamefilm</code> file another Gamefilm can import and merge, plus a web page and a PDF for people
            without the app.
          </Dialog.Description>
          {job?.state === 'done' ? (
            <div className="packet-done" role="status">
              <p>The packet for “{title}” is ready.</p>
              <ul className="packet-files">
                {job.files.map((f) => {
                  const href = api.exportUrl(f.fileName);
                  return (
                    <li key={f.kind}>
                      {href ? (
                        <a className="button" href={href} download={f.fileName}>
                          Download {FILE_LABELS[f.kind]}
                        </a>
                      ) : (
                        <span>
                          {FILE_LABELS[f.kind]}: <code>{f.path}</code>
                        </span>
                      )}{' '}
                      <span className="packet-muted">{size(f.sizeBytes)}</span>
                    </li>
                  );
                })}
              </ul>
              <div className="dialog-actions">
                <Dialog.Close className="button button-primary">Done</Dialog.Close>
              </div>
            </div>
          ) : (
            <form
              className="packet-form"
              onSubmit={(e) => {
                e.preventDefault();
                const request =
                  subject.kind === 'call'
                    ? api.packets.export({ callId: subject.call.id, ...choice })
                    : api.packets.exportAttempt({
                        attemptId: subject.attempt.id,
                        transcript: choice.transcript === 'none' ? 'none' : 'whole',
                        scorecards: choice.scorecards,
                        actionItems: choice.actionItems,
                        includePrivate: choice.includePrivate,
                      });
                void unwrap(request)
                  .then((j) => {
                    setJob(j);
                    setStarted(j);
                  })
                  .catch(reportError);
              }}
            >
              {isCall ? (
                <fieldset disabled={running}>
                  <legend>Audio</legend>
                  <label>
                    <input
                      type="radio"
                      name="media"
                      checked={choice.media === 'clips'}
                      onChange={() => set('media', 'clips')}
                    />
                    Clips around the annotated moments
                  </label>
                  <label className="packet-indent">
                    Context before and after
                    <input
                      type="number"
                      min={0}
                      max={60}
                      step={1}
                      value={choice.contextSec}
                      onChange={(e) => set('contextSec', Math.max(0, Math.min(60, Number(e.target.value) || 0)))}
                    />
                    seconds
                  </label>
                  <label>
                    <input
                      type="radio"
                      name="media"
                      checked={choice.media === 'whole'}
                      onChange={() => set('media', 'whole')}
                    />
                    The whole recording (larger; clips are included too)
                  </label>
                </fieldset>
              ) : (
                <p className="packet-muted">The whole answer recording goes in, with the drill’s prompt.</p>
              )}
              <fieldset disabled={running}>
                <legend>Transcript</legend>
                {(isCall ? (['excerpts', 'whole', 'none'] as const) : (['whole', 'none'] as const)).map((t) => (
                  <label key={t}>
                    <input
                      type="radio"
                      name="transcript"
                      checked={choice.transcript === t}
                      onChange={() => set('transcript', t)}
                    />
                    {t === 'excerpts'
                      ? 'Only the parts the clips cover'
                      : t === 'whole'
                        ? 'The whole transcript'
                        : 'None'}
                  </label>
                ))}
              </fieldset>
              <fieldset disabled={running}>
                <legend>Review</legend>
                {isCall ? (
                  <label>
                    <input
                      type="checkbox"
                      checked={choice.annotations}
                      onChange={(e) => set('annotations', e.target.checked)}
                    />
                    Annotations and replies
                  </label>
                ) : null}
                <label>
                  <input
                    type="checkbox"
                    checked={choice.scorecards}
                    onChange={(e) => set('scorecards', e.target.checked)}
                  />
                  Submitted scorecards
                </label>
                <label>
                  <input
                    type="checkbox"
                    checked={choice.actionItems && choice.scorecards}
                    disabled={!choice.scorecards}
                    onChange={(e) => set('actionItems', e.target.checked)}
                  />
                  Action items
                </label>
                <label>
                  <input
                    type="checkbox"
                    checked={choice.includePrivate}
                    onChange={(e) => set('includePrivate', e.target.checked)}
                  />
                  {isCall ? 'Private notes too (call notes and draft scorecards)' : 'Draft scorecards too'}
                </label>
              </fieldset>
              <SigningNote />
              {job ? (
                <div className="packet-progress" role="status" aria-live="polite">
                  {job.state === 'running' ? (
                    <>
                      <progress max={1} value={job.fraction} aria-label="Export progress" /> {job.label}
                    </>
                  ) : job.state === 'cancelled' ? (
                    'Export cancelled.'
                  ) : (
                    <span className="packet-error">{job.error ?? 'The export failed.'}</span>
                  )}
                </div>
              ) : null}
              <div className="dialog-actions">
                {running && job ? (
                  <button
                    type="button"
                    className="button"
                    onClick={() => void api.packets.cancelExport({ jobId: job.jobId })}
                  >
                    Cancel export
                  </button>
                ) : (
                  <Dialog.Close className="button">Close</Dialog.Close>
                )}
                <button type="submit" className="button button-primary" disabled={running}>
                  Export
                </button>
              </div>
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
