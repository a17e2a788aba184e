// One intake service per core. The app attaches the one it schedules (with its review-channel poster);
// commands and the CLI reach it here, so a `/source poll` in chat announces drafts like a scheduled pass.
import type { Core } from '../core.ts';
import { IntakeService, type IntakeOptions } from './service.ts';

const services = new WeakMap<Core, IntakeService>();

export function intakeOf(core: Core): IntakeService {
  let s = services.get(core);
  if (!s) services.set(core, (s = new IntakeService(core)));
  return s;
}

export function attachIntake(core: Core, options: IntakeOptions): IntakeService {
  const s = new IntakeService(core, options);
  services.set(core, s);
  return s;
}

export { IntakeService };
