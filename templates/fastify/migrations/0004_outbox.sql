-- Transactional outbox: domain events are written in the same transaction as the change that
-- raised them, then relayed to the job queue. A queue that is down delays events; it never loses one.
CREATE TABLE outbox_events (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  event jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  -- A relay claims rows for a short lease and delivers them outside any transaction; a relay that
  -- dies mid-delivery leaves the lease to expire, and another one picks the rows up.
  claimed_until timestamptz
);

CREATE INDEX outbox_events_order_idx ON outbox_events (created_at, id);
