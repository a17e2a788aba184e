// GET /: the CSTO roster with each member's status and since when, the other blocs at a glance, the
// latest events and how far the data reaches.
import type { MembershipStatus } from '../../domain/types.ts';
import type { MembershipRow } from '../../store/membership.ts';
import { html } from '../kit/html.ts';
import { entityLink, eventList, statusOf, timeOf } from '../kit/layout.ts';
import { entityPath, feedPath } from '../kit/links.ts';
import { page, type PageAnswer, type PageContext } from './common.ts';

export const LATEST_ON_HOME = 10;

/** Statuses in which a country still belongs to a bloc, whatever it does there. */
export const BELONGS: ReadonlySet<MembershipStatus> = new Set(['member', 'founding_member', 'frozen', 'suspended']);

/** Members first, then frozen and suspended, partners, and former members; by name within each. */
const ORDER: Record<MembershipStatus, number> = {
  founding_member: 0,
  member: 0,
  frozen: 1,
  suspended: 1,
  observer: 2,
  dialogue_partner: 2,
  applicant: 2,
  withdrawn: 3,
};

export interface NamedMembership {
  row: MembershipRow;
  name: string;
  /** Start of the unbroken stretch of belonging, when it began before the current status (the treaty years). */
  memberSince?: MembershipRow['since'];
}

export async function namedRoster(ctx: PageContext, blocId: string): Promise<NamedMembership[]> {
  const rows = await ctx.core.memberships.roster(blocId, ctx.today);
  const named: NamedMembership[] = [];
  for (const row of rows) {
    const name = (await ctx.core.entities.get(row.countryId))?.name ?? row.countryId;
    const since = (await ctx.core.memberships.statusAsOf(row.countryId, blocId, ctx.today))?.memberSince;
    named.push({ row, name, memberSince: since && since.text !== row.since.text ? since : undefined });
  }
  return named.sort((a, b) => ORDER[a.row.status] - ORDER[b.row.status] || a.name.localeCompare(b.name, 'en'));
}

/** The roster as a table: country, status, since when. */
export function rosterTable(rows: readonly NamedMembership[], caption: string) {
  return html`<table>
<caption class="skip">${caption}</caption>
<thead><tr><th scope="col">Country</th><th scope="col">Status</th><th scope="col">Since</th></tr></thead>
<tbody>
${rows.map(
  ({ row, name, memberSince }) =>
    html`<tr><th scope="row">${entityLink({ id: row.countryId, kind: 'country', name })}</th><td>${statusOf(row.status)}</td><td>${timeOf(row.since)}${memberSince ? html`<br><span class="note">member since ${timeOf(memberSince)}</span>` : ''}</td></tr>\n`,
)}</tbody>
</table>`;
}

export async function homePage(ctx: PageContext): Promise<PageAnswer> {
  const { core } = ctx;
  const csto = await namedRoster(ctx, 'csto');
  const blocs = (await core.entities.list('bloc')).filter((b) => b.id !== 'csto');
  const glance = [];
  for (const b of blocs) {
    const rows = await core.memberships.roster(b.id, ctx.today);
    if (!rows.length) continue;
    const members = rows.filter((r) => BELONGS.has(r.status)).length;
    const others = rows.filter((r) => !BELONGS.has(r.status) && r.status !== 'withdrawn').length;
    glance.push(html`<li><a href="${entityPath(b)}"><strong>${b.name}</strong></a>${b.fullName ? html`<p>${b.fullName}</p>` : ''}
<p>${members} ${members === 1 ? 'member' : 'members'}${others ? html`, ${others} observers, partners or applicants` : ''}</p></li>\n`);
  }
  const latest = await core.published.latest(LATEST_ON_HOME);
  const main = html`<h1>The CSTO and the blocs around it</h1>
<p class="lede">Who belongs to the Russia-led Collective Security Treaty Organization, since when and why, and the news of the blocs around it: every event dated and sourced. ${ctx.dataTo}.</p>
<h2 id="csto">CSTO members and former members</h2>
${rosterTable(csto, 'CSTO members: status and since when')}
<p class="note"><a href="/bloc/csto">The CSTO's history and membership chart</a></p>
<h2 id="blocs">The other blocs at a glance</h2>
<ul class="blocs">
${glance}</ul>
<h2 id="latest">Latest events</h2>
${eventList(latest, 'No events recorded yet.')}
<p class="note">Follow new events with the <a href="${feedPath()}">Atom feed</a>.</p>`;
  return page(ctx, {
    title: 'The CSTO and the blocs around it',
    description: 'CSTO membership, the blocs around it and the latest events, dated and sourced.',
    main,
    feeds: [{ title: 'All events (Atom)', href: feedPath() }],
  });
}
