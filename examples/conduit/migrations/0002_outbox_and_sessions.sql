-- Transactional outbox: events whose after-commit handlers (cache invalidation, tag counts) must run,
-- written in the same transaction as the change. A row is deleted once delivered.
CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  type         text NOT NULL,
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  attempts     integer NOT NULL DEFAULT 0,
  -- The writer delivers at once; the relay only picks up entries left behind past this instant.
  available_at timestamptz NOT NULL
);
CREATE INDEX outbox_due_idx ON outbox (available_at, id);

-- Revoking every session of a user (password change) and purging spent tokens.
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);
