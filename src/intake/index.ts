// Intake as commands and the CLI reach it. The stores are cheap; the service (fetching, feed parsing,
// article reading) loads on first use, so the console and unrelated commands start fast. The app
// attaches the service it schedules (with its review-channel poster), so a `/source poll` in chat
// announces drafts like a scheduled pass.
import type { Core } from '../core.ts';
import { DraftStore } from './drafts.ts';
import type { IntakeService } from './service.ts';
import { SourceStore } from './sources.ts';

const services = new WeakMap<Core, IntakeService>();
const stores = new WeakMap<Core, { drafts: DraftStore; sources: SourceStore }>();

export function intakeStores(core: Core): { drafts: DraftStore; sources: SourceStore } {
  let s = stores.get(core);
  if (!s) stores.set(core, (s = { drafts: new DraftStore(core.db, core.entities, core.events), sources: new SourceStore(core.db) }));
  return s;
}

export async function intakeOf(core: Core): Promise<IntakeService> {
  const attached = services.get(core);
  if (attached) return attached;
  const { IntakeService } = await import('./service.ts');
  let s = services.get(core);
  if (!s) services.set(core, (s = new IntakeService(core)));
  return s;
}

export function attachIntake(core: Core, service: IntakeService): IntakeService {
  services.set(core, service);
  return service;
}
