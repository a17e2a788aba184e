// /chart membership [bloc] · /chart country <country>: the membership history as a picture, with the
// same history as text for wherever the picture cannot go.
import * as z from 'zod';
import { chartsOf, type RenderedChart } from '../src/chart/index.ts';
import { LEGEND_LABELS } from '../src/chart/model.ts';
import { STATUS_LABELS } from '../src/store/membership.ts';
import { reply, type Reply } from '../src/reply.ts';
import { lookup, optionalText, requiredText } from './shared.ts';
import type { CommandDef, Handler } from './types.ts';

const DEFAULT_BLOC = 'csto';
/** Alt text limits: Slack's alt_text takes 1000 characters, Discord's attachment description 1024. */
const ALT_MAX = 1000;

const membershipSchema = z.object({ bloc: optionalText() });
const countrySchema = z.object({ country: requiredText('country') });

const membership: Handler<z.infer<typeof membershipSchema>> = {
  name: 'membership',
  description: "A bloc's membership history as a picture (default: the CSTO)",
  access: 'anyone',
  options: [{ name: 'bloc', description: 'Bloc name or acronym (default CSTO)', type: 'string', autocomplete: 'bloc', maxLength: 100 }],
  schema: membershipSchema,
  examples: ['', 'sco'],
  async run(o, ctx) {
    const found = lookup(ctx, o.bloc ?? DEFAULT_BLOC, 'bloc', 'bloc');
    if (!found.ok) return found.reply;
    const chart = await chartsOf(ctx.core).bloc(found.entity.id);
    if (!chart) return reply.error(`There is no membership history of the ${found.entity.name} to draw yet. Try /chart membership csto.`);
    return chartReply(chart, `${found.entity.id}-membership.png`, 'countries', 'Details: /csto status <country>');
  },
};

const country: Handler<z.infer<typeof countrySchema>> = {
  name: 'country',
  description: "A country's membership history across the blocs, as a picture",
  access: 'anyone',
  options: [
    {
      name: 'country',
      description: 'Country name, code or capital',
      type: 'string',
      required: true,
      autocomplete: 'country',
      maxLength: 100,
    },
  ],
  schema: countrySchema,
  examples: ['armenia'],
  async run(o, ctx) {
    const found = lookup(ctx, o.country, 'country', 'country');
    if (!found.ok) return found.reply;
    const chart = await chartsOf(ctx.core).country(found.entity.id);
    if (!chart) return reply.error(`${found.entity.name} has no membership history in the blocs blocwatch follows.`);
    return chartReply(chart, `${found.entity.id}-blocs.png`, 'blocs', `Events: /timeline ${found.entity.id}`);
  },
};

function chartReply({ data, png }: RenderedChart, fileName: string, rowsAre: string, next: string): Reply {
  const { input, roster, currency } = data;
  const span = `1991 to ${input.dataTo}`;
  const alt = `Chart: ${input.title}, ${span}. ${roster
    .map((l) => `${l.label}: ${l.steps.map((s) => `${LEGEND_LABELS[s.status].toLowerCase()} from ${s.since}`).join(', ')}`)
    .join('; ')}.`;
  return {
    ...reply.public(`${input.title}, ${span}`, [
      {
        type: 'list',
        items: roster.map((l) => [{ bold: l.label }, `: ${l.steps.map((s) => `${STATUS_LABELS[s.status]} since ${s.since}`).join(' → ')}`]),
      },
    ]),
    footer: `${currency} · ${next}`,
    files: [{ name: fileName, bytes: png, alt: alt.length <= ALT_MAX ? alt : `${alt.slice(0, ALT_MAX - 1)}…` }],
    caption: `${input.title}, ${span}: ${input.rows.length} ${rowsAre}, ${input.markers.length} key events marked. ${next}`,
  };
}

export const chart: CommandDef = {
  name: 'chart',
  description: 'Membership history as a picture: a bloc over time, or a country across blocs',
  adminByDefault: false,
  subcommands: [membership, country],
};
