CREATE TABLE {{namePluralTable}} (
  id uuid PRIMARY KEY,
  label text NOT NULL,
  created_at timestamptz NOT NULL
);
