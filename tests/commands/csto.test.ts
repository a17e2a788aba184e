import { describe, expect, it } from 'vitest';
import { asReply, dispatcher, member, textOf } from '../helpers.ts';

const d = await dispatcher();

describe('/csto status', () => {
  it('Armenia today: member with participation frozen since 22 Feb 2024, with sourced events', async () => {
    const r = asReply(await d.runText('csto', 'status armenia', member));
    expect(r.visibility).toBe('public');
    const t = textOf(r);
    expect(t).toContain('Member, participation frozen');
    expect(t).toContain('22 Feb 2024');
    expect(t).toContain('Member since: 15 May 1992');
    expect(t).toContain('https://oc-media.org/pashinyan-armenia-has-frozen-its-participation-in-the-csto/');
    expect(t).toContain('Latest status events');
  });
  it('Armenia as of 2023-06-01: a member, and nothing after that date', async () => {
    const t = textOf(await d.runText('csto', 'status armenia as_of:2023-06-01', member));
    expect(t).toMatch(/in the CSTO: Member/);
    expect(t).not.toContain('frozen');
    expect(t).not.toContain('2024');
    expect(t).toContain('As of 1 Jun 2023');
  });
  it('without a country: every member and former member at a glance', async () => {
    const t = textOf(await d.runText('csto', 'status', member));
    for (const name of ['Armenia', 'Belarus', 'Russia', 'Kazakhstan', 'Kyrgyzstan', 'Tajikistan', 'Uzbekistan', 'Azerbaijan', 'Georgia'])
      expect(t).toContain(name);
    expect(t).toMatch(/Former members \(2\)/);
  });
  it('near misses and non-members get a helpful answer', async () => {
    const miss = asReply(await d.runText('csto', 'status armnia', member));
    expect(miss.visibility).toBe('private');
    expect(textOf(miss)).toContain('Did you mean Armenia?');
    const china = textOf(await d.runText('csto', 'status china', member));
    expect(china).toContain('never been a member of the CSTO');
    expect(china).toContain('SCO');
  });
});
