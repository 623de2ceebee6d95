// Alert fusion: dedupe and grouping of alerts into cases.
export {};
