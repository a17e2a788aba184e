import { describe, expect, it } from 'vitest';
import type { Reply } from '../src/reply.ts';
import { renderReply, wrap } from '../src/console/render.ts';

const sample: Reply = {
  kind: 'reply',
  visibility: 'private',
  tone: 'warning',
  title: 'Delete event #12?',
  blocks: [
    { type: 'text', text: ['Plain ', { bold: 'bold' }, ' and ', { link: 'https://example.org/a', text: 'a link' }] },
    { type: 'fields', fields: [{ label: 'Status', value: 'Member' }] },
    { type: 'list', items: ['one', 'two'] },
    {
      type: 'events',
      events: [
        {
          id: 12,
          date: '22 Feb 2024',
          title: 'Title \u001b[31mred\u001b[0m',
          kind: 'status_change',
          summary: 'Summary text.',
          tags: ['Armenia', 'CSTO'],
          sources: [{ url: 'https://oc-media.org/x', publisher: 'OC Media' }],
        },
      ],
    },
  ],
  actions: [
    { id: 'a', label: 'Delete', style: 'danger' },
    { id: 'b', label: 'Cancel', disabled: true },
  ],
  footer: 'Footer',
};

describe('terminal renderer', () => {
  it('draws every block, shows links in full and numbers the buttons', async () => {
    const out = renderReply(sample, { width: 80, color: false });
    expect(out).toContain('(only you see this) ! Delete event #12?');
    expect(out).toContain('a link <https://example.org/a>');
    expect(out).toContain('Status: Member');
    expect(out).toContain('• one');
    expect(out).toContain('22 Feb 2024 · Status change · #12 · Armenia, CSTO');
    expect(out).toContain('Source: OC Media <https://oc-media.org/x>');
    expect(out).toContain('[1] Delete');
    expect(out).toContain('[Cancel]');
  });
  it('strips control characters from stored text', async () => {
    const out = renderReply(sample, { width: 80, color: false });
    expect(out).not.toContain('\u001b');
    expect(renderReply(sample, { width: 80, color: true })).toContain('\u001b[1m');
  });
  it('wraps to the width without breaking long URLs', async () => {
    const long = `word `.repeat(40) + 'https://example.org/' + 'x'.repeat(120);
    const lines = wrap(long, 40).split('\n');
    expect(lines.filter((l) => !l.includes('https://')).every((l) => l.length <= 40)).toBe(true);
    expect(lines.some((l) => l.includes('x'.repeat(120)))).toBe(true);
  });
});
