// A form a user submitted with errors, kept so that a button can reopen it with what they typed (Discord
// cannot answer a modal submit with another modal). Drafts are the typist's only and last a day.
import type { Form } from '../reply.ts';
import type { Db } from './db.ts';

const DRAFT_TTL_MS = 24 * 3600 * 1000;

export class FormDraftStore {
  constructor(private readonly db: Db) {}

  /** Stores the form and returns its id, dropping expired drafts in the same transaction. */
  save(form: Form, userId: string, now: Date): number {
    const db = this.db;
    return db
      .transaction(() => {
        db.prepare('DELETE FROM form_drafts WHERE created_at < ?').run(new Date(now.getTime() - DRAFT_TTL_MS).toISOString());
        return Number(
          db
            .prepare('INSERT INTO form_drafts (form, user_id, created_at) VALUES (?, ?, ?)')
            .run(JSON.stringify(form), userId, now.toISOString()).lastInsertRowid,
        );
      })
      .immediate();
  }

  /** The draft, if it still exists and belongs to this user. */
  find(id: number, userId: string): Form | undefined {
    const row = this.db.prepare<[number], { form: string; user_id: string }>('SELECT form, user_id FROM form_drafts WHERE id = ?').get(id);
    if (!row || row.user_id !== userId) return undefined;
    return JSON.parse(row.form) as Form;
  }
}
