// Neo4j adapter of the entity graph port.
export { Neo4jEntityGraph, type Neo4jGraphConfig } from './neo4j-entity-graph';
