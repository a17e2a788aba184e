// The shape of an interaction, checked once where it enters (the HTTP endpoint and the gateway), so
// that nothing behind this line meets a null body, a command without data or a 10,000-character
// custom_id. Only the fields blocwatch reads are checked; Discord's other fields pass through untouched.
import * as z from 'zod';
import type { InteractionPayload } from './interactions.ts';

const snowflake = z.string().regex(/^\d{1,20}$/);
/** Discord's own limit for custom_id; our ids are built to fit it. */
export const CUSTOM_ID_MAX = 100;

const user = z.looseObject({
  id: snowflake,
  username: z.string().max(100).optional(),
  global_name: z.string().max(100).nullish(),
});

const member = z.looseObject({
  user: user.optional(),
  roles: z.array(snowflake).max(500).optional(),
  permissions: z
    .string()
    .regex(/^\d{1,30}$/)
    .optional(),
});

interface Option {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: Option[];
}

const option: z.ZodType<Option> = z.lazy(() =>
  z.looseObject({
    name: z.string().min(1).max(32),
    type: z.number().int(),
    value: z.union([z.string().max(6000), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(option).max(25).optional(),
  }),
);

const commandData = z.looseObject({ name: z.string().min(1).max(32), options: z.array(option).max(25).optional() });
const customId = z.string().min(1).max(CUSTOM_ID_MAX);

const base = {
  id: snowflake,
  application_id: snowflake,
  token: z.string().min(1).max(1000),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  channel: z.looseObject({ id: snowflake }).optional(),
  member: member.optional(),
  user: user.optional(),
};

const interaction = z
  .discriminatedUnion('type', [
    z.looseObject({ ...base, type: z.literal(1) }),
    z.looseObject({ ...base, type: z.literal(2), data: commandData }),
    z.looseObject({
      ...base,
      type: z.literal(3),
      data: z.looseObject({ custom_id: customId, component_type: z.number().int().optional() }),
    }),
    z.looseObject({ ...base, type: z.literal(4), data: commandData }),
    z.looseObject({ ...base, type: z.literal(5), data: z.looseObject({ custom_id: customId, components: z.array(z.unknown()).max(25) }) }),
  ])
  .superRefine((i, ctx) => {
    // Everything but a PING is done by someone: without a user there is nobody to check or answer.
    if (i.type !== 1 && !i.member?.user && !i.user)
      ctx.addIssue({ code: 'custom', path: ['user'], message: 'an interaction needs member.user or user' });
  });

export type ParsedInteraction = { ok: true; interaction: InteractionPayload } | { ok: false; problem: string };

/** Checks an interaction's shape; the problem names the field, never echoes its value. */
export function parseInteraction(raw: unknown): ParsedInteraction {
  const r = interaction.safeParse(raw);
  if (r.success) return { ok: true, interaction: r.data as InteractionPayload };
  const issue = r.error.issues[0]!;
  const where = issue.path.length ? issue.path.map(String).join('.') : 'body';
  return {
    ok: false,
    problem: `${where}: ${issue.code === 'invalid_union' ? 'not a known interaction type' : issue.message}`.slice(0, 200),
  };
}
