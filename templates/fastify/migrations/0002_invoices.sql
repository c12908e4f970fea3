CREATE TABLE invoices (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  customer_name text NOT NULL,
  currency char(3) NOT NULL,
  total_cents bigint NOT NULL CHECK (total_cents >= 0),
  status text NOT NULL CHECK (status IN ('open', 'void')),
  created_at timestamptz NOT NULL,
  voided_at timestamptz
);

-- Keyset pagination: (created_at, id) descending, per owner and across owners (admin listing).
CREATE INDEX invoices_owner_keyset_idx ON invoices (owner_id, created_at DESC, id DESC);
CREATE INDEX invoices_keyset_idx ON invoices (created_at DESC, id DESC);

CREATE TABLE invoice_lines (
  invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  position integer NOT NULL,
  description text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (invoice_id, position)
);
