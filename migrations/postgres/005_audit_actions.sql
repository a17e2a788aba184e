-- Widen the audit log's actions: restores, and approvals and rejections from the review queue.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
  CHECK (action IN ('add','edit','delete','seed','import','restore','approve','reject'));
