CREATE TABLE {{entityPluralTable}} (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  created_at timestamptz NOT NULL
);

-- Keyset pagination per owner: (created_at, id) descending.
CREATE INDEX {{entityPluralTable}}_owner_keyset_idx ON {{entityPluralTable}} (owner_id, created_at DESC, id DESC);
