// /csto status [country] [as_of]: one country's CSTO status, since when and why; or the whole roster.
import * as z from 'zod';
import { formatDay, formatPartialDate } from '../src/domain/dates.ts';
import { STATUS_LABELS, type MembershipRow } from '../src/store/membership.ts';
import { reply, type Block, type Field, type Reply } from '../src/reply.ts';
import { dataTo, lookup, optionalDate, optionalText, todayOf, toItem, webLink } from './shared.ts';
import type { CommandDef, Handler, HandlerContext } from './types.ts';

const BLOC = 'csto';
/** Before the Charter of 7 Oct 2002, membership was of the Collective Security Treaty. */
const CHARTER_SIGNED = '2002-10-07';
const WHY_EVENTS = 4;

const statusSchema = z.object({ country: optionalText(), as_of: optionalDate });
type StatusOptions = z.infer<typeof statusSchema>;

const status: Handler<StatusOptions> = {
  name: 'status',
  description: "A country's CSTO status, since when and why; without a country, every member and former member",
  access: 'anyone',
  cached: true,
  options: [
    { name: 'country', description: 'Country name, code or capital', type: 'string', autocomplete: 'country', maxLength: 100 },
    {
      name: 'as_of',
      description: 'Status on a past date: YYYY, YYYY-MM or YYYY-MM-DD',
      type: 'string',
      namedOnly: true,
      hint: '<YYYY-MM-DD>',
      maxLength: 10,
    },
  ],
  schema: statusSchema,
  examples: ['armenia', '', 'armenia as_of:2023-06-01'],
  async run(o, ctx) {
    // "As of 2023" means by the end of 2023; never later than today.
    const today = todayOf(ctx);
    const asOf = o.as_of && o.as_of.end < today ? o.as_of.end : today;
    const asOfLabel = o.as_of ? formatPartialDate(o.as_of) : formatDay(today);
    if (!o.country) return roster(ctx, asOf, asOfLabel);
    const found = lookup(ctx, o.country, 'country', 'country');
    if (!found.ok) return found.reply;
    return countryStatus(ctx, found.entity.id, asOf, asOfLabel);
  },
};

async function countryStatus(ctx: HandlerContext, countryId: string, asOf: string, asOfLabel: string): Promise<Reply> {
  const { core } = ctx;
  const country = core.entities.get(countryId)!;
  const [answer, currency] = await Promise.all([core.memberships.statusAsOf(countryId, BLOC, asOf), core.currency.read()]);
  if (!answer) {
    const elsewhere = (await core.memberships.blocsOf(countryId, asOf)).map(
      (m) =>
        `${core.entities.get(m.blocId)?.name ?? m.blocId}: ${STATUS_LABELS[m.status].toLowerCase()} since ${formatPartialDate(m.since)}`,
    );
    return reply.public(
      `${country.name} and the CSTO`,
      [
        {
          type: 'text',
          text: [`${country.name} has never been a member of the CSTO`, asOf < todayOf(ctx) ? ` (as of ${asOfLabel}).` : '.'],
        },
        ...(elsewhere.length
          ? [
              { type: 'heading' as const, text: `${country.name}'s other blocs` },
              { type: 'list' as const, items: elsewhere },
            ]
          : []),
      ],
      { footer: dataTo(currency), links: webLink(ctx, 'Details', `/country/${country.id}`) },
    );
  }
  const { current, memberSince, history } = answer;
  const [basis, why] = await Promise.all([
    current.basisEventId ? core.events.get(current.basisEventId) : undefined,
    core.events.statusEvents(countryId, BLOC, asOf, WHY_EVENTS),
  ]);
  const fields: Field[] = [
    { label: 'Status', value: STATUS_LABELS[current.status], inline: true },
    { label: 'Since', value: formatPartialDate(current.since), inline: true },
  ];
  if (memberSince && formatPartialDate(memberSince) !== formatPartialDate(current.since)) {
    fields.push({ label: 'Member since', value: memberSinceLabel(memberSince), inline: true });
  }
  fields.push({
    label: 'Basis',
    value: basis
      ? [`#${basis.id} ${basis.title} — `, { link: current.source.url, text: current.source.publisher }]
      : [{ link: current.source.url, text: current.source.publisher }],
  });
  if (current.note) fields.push({ label: 'Note', value: current.note });

  const blocks: Block[] = [{ type: 'fields', fields }];
  if (why.length) {
    blocks.push({ type: 'heading', text: 'Latest status events' }, { type: 'events', events: why.map((e) => toItem(e)) });
  }
  if (history.length > 1) {
    blocks.push(
      { type: 'heading', text: 'History' },
      { type: 'list', items: history.map((h) => `${formatPartialDate(h.since)}: ${STATUS_LABELS[h.status]}`) },
    );
  }
  return {
    ...reply.public(`${country.name} in the CSTO: ${STATUS_LABELS[current.status]}`, blocks, {
      links: webLink(ctx, 'Details', `/country/${country.id}`),
    }),
    footer: `As of ${asOfLabel} · ${dataTo(currency)} · Full story: /timeline ${country.id} bloc:csto`,
  };
}

const GROUPS: { title: string; statuses: MembershipRow['status'][] }[] = [
  { title: 'Members', statuses: ['founding_member', 'member'] },
  { title: 'Participation frozen or suspended', statuses: ['frozen', 'suspended'] },
  { title: 'Observers and partners', statuses: ['observer', 'dialogue_partner', 'applicant'] },
  { title: 'Former members', statuses: ['withdrawn'] },
];

async function roster(ctx: HandlerContext, asOf: string, asOfLabel: string): Promise<Reply> {
  const { core } = ctx;
  const rows = (await core.memberships.roster(BLOC, asOf))
    .map((m) => ({ m, name: core.entities.get(m.countryId)?.name ?? m.countryId }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const lines = await Promise.all(rows.map(({ m }) => rosterLine(ctx, m, asOf)));
  const lineOf = new Map(rows.map((r, i) => [r.m, lines[i]!]));
  const blocks: Block[] = [];
  for (const g of GROUPS) {
    const inGroup = rows.filter((r) => g.statuses.includes(r.m.status));
    if (!inGroup.length) continue;
    blocks.push(
      { type: 'heading', text: `${g.title} (${inGroup.length})` },
      { type: 'list', items: inGroup.map(({ m, name }) => [{ bold: name }, `: ${lineOf.get(m)}`]) },
    );
  }
  if (!blocks.length) blocks.push({ type: 'text', text: `The CSTO had no members as of ${asOfLabel}.` });
  return {
    ...reply.public('CSTO members and former members', blocks, { links: webLink(ctx, 'Details', '/bloc/csto') }),
    footer: `As of ${asOfLabel} · ${dataTo(await core.currency.read())} · Details: /csto status <country>`,
  };
}

function memberSinceLabel(since: MembershipRow['since']): string {
  return `${formatPartialDate(since)}${since.text < CHARTER_SIGNED ? ' (treaty)' : ''}`;
}

/** A member since the treaty days shows both dates, never only "founding member since 2002". */
async function rosterLine(ctx: HandlerContext, m: MembershipRow, asOf: string): Promise<string> {
  const since = formatPartialDate(m.since);
  const memberSince = (await ctx.core.memberships.statusAsOf(m.countryId, BLOC, asOf))?.memberSince;
  if (!memberSince || memberSince.text === m.since.text) return `${STATUS_LABELS[m.status]} since ${since}`;
  if (m.status === 'founding_member') return `Member since ${memberSinceLabel(memberSince)}; founding member of the organisation, ${since}`;
  return `${STATUS_LABELS[m.status]} since ${since}; member since ${memberSinceLabel(memberSince)}`;
}

export const csto: CommandDef = {
  name: 'csto',
  description: 'CSTO membership: who is in, since when, and why',
  adminByDefault: false,
  subcommands: [status],
};
