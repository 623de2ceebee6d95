// The graph service: events and alerts into the entity graph.
export { GraphService, GRAPH_CONSUMER, type GraphServiceDeps } from './graph-service';
