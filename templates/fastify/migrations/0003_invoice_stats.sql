-- CQRS read model: one row per owner and currency, rebuilt from invoices by an event handler.
CREATE TABLE invoice_stats (
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  currency char(3) NOT NULL,
  open_count integer NOT NULL,
  void_count integer NOT NULL,
  outstanding_cents bigint NOT NULL,
  PRIMARY KEY (owner_id, currency)
);
