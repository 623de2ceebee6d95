/** Evidence refs kept per node and per edge (the newest). */
export const MAX_EVIDENCE_REFS = 8;
/** Longest evidence ref: `alert:` or `event:` and an id of up to 200 characters. */
export const MAX_EVIDENCE_REF_CHARS = 210;
/** Most entities, and most edges, in one write. */
export const MAX_BATCH_ITEMS = 50_000;
/** Longest watermark stream name. */
export const MAX_STREAM_CHARS = 200;
/** Deepest neighbourhood walk. */
export const MAX_DEPTH = 3;

/** Caps of a neighbourhood walk when the caller gives none. */
export const DEFAULT_NEIGHBOURHOOD_LIMITS = { depth: 3, maxEdgesPerNode: 25, maxNodesPerHop: 100 } as const;
/** Upper bounds a caller may ask for. */
export const NEIGHBOURHOOD_BOUNDS = { maxEdgesPerNode: 200, maxNodesPerHop: 500 } as const;
/** Truncation notes kept in one neighbourhood. */
export const MAX_TRUNCATION_NOTES = 50;
