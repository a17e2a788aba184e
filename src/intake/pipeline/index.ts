// Intake as commands and the CLI reach it. The stores are cheap; the service (fetching, feed parsing,
// article reading) loads on first use, so the console and unrelated commands start fast. The app
// attaches the service it schedules (with its review-channel poster), so a `/source poll` in chat
// announces drafts like a scheduled pass.
import type { Core } from '../../core.ts';
import type { SourceStore } from '../../store/sources.ts';
import { DraftStore } from './drafts.ts';
import type { IntakeService } from './service.ts';

const services = new WeakMap<Core, IntakeService>();
const stores = new WeakMap<Core, { drafts: DraftStore; sources: SourceStore }>();

export function intakeStores(core: Core): { drafts: DraftStore; sources: SourceStore } {
  const known = stores.get(core);
  if (known) return known;
  const s = { drafts: new DraftStore(core), sources: core.sources };
  stores.set(core, s);
  return s;
}

export async function intakeOf(core: Core): Promise<IntakeService> {
  const attached = services.get(core);
  if (attached) return attached;
  const { IntakeService } = await import('./service.ts');
  // Another caller may have made one while this one waited for the import.
  const s = services.get(core) ?? new IntakeService(core);
  services.set(core, s);
  return s;
}

export function attachIntake(core: Core, service: IntakeService): IntakeService {
  services.set(core, service);
  return service;
}
