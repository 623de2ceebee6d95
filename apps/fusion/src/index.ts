// The fusion service: alerts into cases.
export {};
