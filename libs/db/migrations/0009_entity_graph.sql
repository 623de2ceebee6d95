-- The entity graph in the state database (the embedded adapter of the EntityGraph port):
-- entities and the relationships events and alerts show between them, per tenant, and the
-- positions up to which the graph service applied each tenant's share of a topic partition.
--
-- Rows are aggregates: a write adds its sightings (count), widens first/last seen and keeps
-- the newest evidence refs. Watermarks make those additions exactly-once: a consumer writes a
-- tenant's batch and its new position in one transaction, so a redelivered batch adds nothing.
-- Like alerts, these tables carry no foreign key to tenants: a message naming a tenant that is
-- not (yet) registered must not stall the consumer. Nothing is deleted by the runtime role.

CREATE TABLE graph_entities (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  type text NOT NULL CHECK (type IN ('user', 'host', 'ip', 'process', 'file_hash', 'cloud_principal', 'access_key',
                                     'mailbox', 'repository', 'domain', 'url', 'app', 'api_operation')),
  value text NOT NULL CHECK (length(value) BETWEEN 1 AND 512),
  first_seen timestamptz(3) NOT NULL,
  last_seen timestamptz(3) NOT NULL,
  count bigint NOT NULL CHECK (count >= 1),
  -- `event:<id>` / `alert:<id>`, newest first, at most 8.
  evidence text[] NOT NULL CHECK (cardinality(evidence) <= 8),
  updated_at timestamptz(3) NOT NULL,
  PRIMARY KEY (tenant_id, type, value),
  CHECK (first_seen <= last_seen)
);
SELECT soc_enable_tenant_rls('graph_entities');
GRANT SELECT, INSERT ON graph_entities TO soc_app;
GRANT UPDATE (first_seen, last_seen, count, evidence, updated_at) ON graph_entities TO soc_app;

CREATE TABLE graph_edges (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  src_type text NOT NULL,
  src_value text NOT NULL,
  -- The vocabulary lives in @soc/graph (RELATIONSHIPS); the shape is checked here.
  rel text NOT NULL CHECK (rel ~ '^[a-z][a-z_]{0,62}$'),
  dst_type text NOT NULL,
  dst_value text NOT NULL,
  first_seen timestamptz(3) NOT NULL,
  last_seen timestamptz(3) NOT NULL,
  count bigint NOT NULL CHECK (count >= 1),
  evidence text[] NOT NULL CHECK (cardinality(evidence) <= 8),
  updated_at timestamptz(3) NOT NULL,
  PRIMARY KEY (tenant_id, src_type, src_value, rel, dst_type, dst_value),
  CHECK (first_seen <= last_seen)
);
-- One index per direction, in the order a neighbourhood walk reads them: a node's most
-- recently seen edges first, so a hub's first N edges are an index range, not a sort.
CREATE INDEX graph_edges_out_idx ON graph_edges (tenant_id, src_type, src_value, last_seen DESC);
CREATE INDEX graph_edges_in_idx ON graph_edges (tenant_id, dst_type, dst_value, last_seen DESC);
SELECT soc_enable_tenant_rls('graph_edges');
GRANT SELECT, INSERT ON graph_edges TO soc_app;
GRANT UPDATE (first_seen, last_seen, count, evidence, updated_at) ON graph_edges TO soc_app;

CREATE TABLE graph_watermarks (
  tenant_id text NOT NULL CHECK (tenant_id <> ''),
  stream text NOT NULL CHECK (length(stream) BETWEEN 1 AND 200),
  position bigint NOT NULL CHECK (position >= 0),
  updated_at timestamptz(3) NOT NULL,
  PRIMARY KEY (tenant_id, stream)
);
SELECT soc_enable_tenant_rls('graph_watermarks');
GRANT SELECT, INSERT ON graph_watermarks TO soc_app;
-- SELECT ... FOR UPDATE needs an UPDATE grant; only the position moves.
GRANT UPDATE (position, updated_at) ON graph_watermarks TO soc_app;

-- Evidence refs after a write: the new ones first, then the kept ones, each once, at most
-- `max_refs`. Pure, so it is safe for the runtime role.
CREATE FUNCTION soc_graph_merge_evidence(fresh text[], kept text[], max_refs integer) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $fn$
  SELECT coalesce(array_agg(ref ORDER BY first_pos), '{}'::text[])
  FROM (
    SELECT ref, min(pos) AS first_pos
    FROM unnest(fresh || kept) WITH ORDINALITY AS u(ref, pos)
    GROUP BY ref
    ORDER BY min(pos)
    LIMIT max_refs
  ) s
$fn$;
REVOKE ALL ON FUNCTION soc_graph_merge_evidence(text[], text[], integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION soc_graph_merge_evidence(text[], text[], integer) TO soc_app;

-- "Which alerts and cases name this entity": containment on the entity lists, e.g.
-- entities @> '[{"type":"user","value":"alice"}]'. jsonb_path_ops indexes exactly that operator.
CREATE INDEX alerts_entities_idx ON alerts USING gin (entities jsonb_path_ops);
CREATE INDEX cases_entities_idx ON cases USING gin (entities jsonb_path_ops);
