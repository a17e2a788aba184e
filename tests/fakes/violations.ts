// Every test that talks to a stand-in fails when the stand-in recorded a request the real service would
// reject. The check runs after each test and clears what it saw, so a violation is blamed on the test
// that caused it and no result depends on which tests ran before.
import { afterEach, expect } from 'vitest';

export interface RecordsViolations {
  takeViolations(): string[];
}

/** Registers, in the calling file or describe, an afterEach that asserts the stand-ins saw nothing wrong. */
export function failOnViolations(...standIns: (() => RecordsViolations | undefined)[]): void {
  afterEach(() => {
    const found = standIns.flatMap((get) => get()?.takeViolations() ?? []);
    expect(found, 'requests the real service would reject').toEqual([]);
  });
}
