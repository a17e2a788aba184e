// A form a user submitted with errors, kept so that a button can reopen it with what they typed (Discord
// cannot answer a modal submit with another modal). Drafts are the typist's only and last a day.
import type { Form } from '../reply.ts';
import type { Sql } from './sql.ts';

const DRAFT_TTL_MS = 24 * 3600 * 1000;

export class FormDraftStore {
  constructor(private readonly sql: Sql) {}

  /** Stores the form and returns its id, dropping expired drafts in the same transaction. */
  save(form: Form, userId: string, now: Date): Promise<number> {
    return this.sql.transaction(async () => {
      await this.sql.run('DELETE FROM form_drafts WHERE created_at < ?', [new Date(now.getTime() - DRAFT_TTL_MS).toISOString()]);
      const row = await this.sql.get<{ id: number }>('INSERT INTO form_drafts (form, user_id, created_at) VALUES (?, ?, ?) RETURNING id', [
        JSON.stringify(form),
        userId,
        now.toISOString(),
      ]);
      return row!.id;
    });
  }

  /** The draft, if it still exists and belongs to this user. */
  async find(id: number, userId: string): Promise<Form | undefined> {
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    const row = await this.sql.get<{ form: string; user_id: string }>('SELECT form, user_id FROM form_drafts WHERE id = ?', [id]);
    if (!row || row.user_id !== userId) return undefined;
    return JSON.parse(row.form) as Form;
  }
}
