// The review card of a draft (for /review, /event import and the review channels) and the notice that
// a source stopped. Neutral Replies: every word that came from a web page is plain text, which each
// renderer escapes, so an article can never format, link or ping anything it likes.
import { KIND_LABELS } from '../../presentation/items.ts';
import type { Core } from '../../core.ts';
import { formatDay, formatPartialDate } from '../../domain/dates.ts';
import { reply, type Action, type Field, type Inline, type Reply } from '../../reply.ts';
import type { Draft } from './drafts.ts';
import type { IntakeSource } from '../../store/sources.ts';

const PRECISION_WORDS = { day: 'to the day', month: 'to the month', year: 'to the year' } as const;

export function languageName(code: string): string {
  if (!code || code === 'und') return 'undetermined';
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The buttons an editor decides a draft with; each id names the draft, so they work on any process. */
export function reviewActions(d: Draft): Action[] {
  return [
    { id: `review:approve:${d.id}`, label: d.eventId ? `Approve: add to #${d.eventId}` : 'Approve', style: 'primary' },
    { id: `review:edit:${d.id}`, label: 'Edit', style: 'secondary' },
    { id: `review:reject:${d.id}`, label: 'Reject', style: 'danger' },
  ];
}

export async function draftCard(
  core: Core,
  d: Draft,
  opts: { visibility?: Reply['visibility']; extraActions?: Action[]; footer?: string; replaceOriginal?: boolean } = {},
): Promise<Reply> {
  const names = (ids: string[]) => ids.map((id) => core.entities.get(id)?.name ?? id).join(', ');
  const fields: Field[] = [
    { label: 'Proposed date', value: `${formatPartialDate(d.date)} (${PRECISION_WORDS[d.date.precision]}): ${d.dateReason}` },
    { label: 'Countries', value: names(d.countries) || '—', inline: true },
  ];
  if (d.blocs.length) fields.push({ label: 'Blocs', value: names(d.blocs), inline: true });
  fields.push({ label: 'Kind', value: KIND_LABELS[d.kind], inline: true });
  fields.push({ label: 'Language', value: languageName(d.language), inline: true });
  // Each report with its outlet, day and language: a Russian report beside English ones is the norm.
  const sources: Inline[] = d.sources.length
    ? d.sources.flatMap((s, i): Inline[] => [
        ...(i ? ['\n'] : []),
        { link: s.url, text: s.publisher },
        ` (${[s.publishedAt ? formatDay(s.publishedAt.slice(0, 10)) : '', s.lang ? languageName(s.lang) : ''].filter(Boolean).join(', ')})`,
      ])
    : ['none yet: use Edit to add the article’s address'];
  fields.push({ label: d.sources.length > 1 ? `Sources (${d.sources.length})` : 'Source', value: sources });
  fields.push({ label: 'Why it matched', value: d.relevance ? `${d.matchedBecause}; bloc news ${d.relevance}` : d.matchedBecause });
  if (d.eventId !== null) {
    const e = await core.events.get(d.eventId);
    fields.push({ label: 'Published event', value: `Adds a source to event #${d.eventId}${e ? `: ${e.title}` : ' (since deleted)'}` });
  }
  const status = d.status === 'pending' ? '' : d.status === 'approved' ? ` · approved → event #${d.resultingEventId}` : ' · rejected';
  return {
    ...reply[opts.visibility ?? 'private'](`Draft #${d.id}${status}`, [
      { type: 'text', text: [{ bold: d.title }] },
      ...(d.summary ? [{ type: 'text' as const, text: d.summary }] : []),
      { type: 'fields', fields },
    ]),
    actions: d.status === 'pending' ? [...reviewActions(d), ...(opts.extraActions ?? [])] : opts.extraActions,
    footer: opts.footer ?? 'Nothing from a draft is published until an editor approves it.',
    replaceOriginal: opts.replaceOriginal,
  };
}

export function sourceDisabledNotice(s: IntakeSource): Reply {
  return reply.public(
    `News source #${s.id} stopped`,
    [
      { type: 'text', text: [{ bold: s.name }, ` (${s.url}) is no longer read: ${s.disabledReason ?? 'unknown reason'}.`] },
      { type: 'note', text: `Check the address, then /source remove ${s.id} and /source add it again.` },
    ],
    { tone: 'warning' },
  );
}
