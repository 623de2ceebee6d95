import { compact } from './compact';

/** Inputs of {@link buildLocation}. */
export interface LocationInput {
  city?: string;
  country?: string;
  region?: string;
  postal_code?: string;
  lat?: number;
  long?: number;
}

/**
 * OCSF `location`, or `undefined` unless one of city, country, region or postal code is
 * known (the schema's at-least-one constraint; bare coordinates are not enough).
 */
export function buildLocation(input: LocationInput): Record<string, unknown> | undefined {
  const loc = compact({ ...input }) as Record<string, unknown> | undefined;
  if (!loc || !['city', 'country', 'region', 'postal_code'].some((k) => loc[k] !== undefined)) return undefined;
  return loc;
}
