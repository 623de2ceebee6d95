/** OCSF status_id values shared by all classes. */
export const STATUS = { Unknown: 0, Success: 1, Failure: 2, Other: 99 } as const;

/** One OCSF status_id value. */
export type StatusId = (typeof STATUS)[keyof typeof STATUS];

/** Status attributes of an event: `status_id`, its caption, and optional code/detail. */
export interface StatusAttributes {
  status_id: StatusId;
  status: string;
  status_code?: string;
  status_detail?: string;
}

/**
 * Builds the status attributes. `outcome` true/false means success/failure, undefined
 * means unknown. `code` is the source's raw code (e.g. `0xC000006A`), `detail` its meaning.
 */
export function buildStatus(outcome: boolean | undefined, code?: string, detail?: string): StatusAttributes {
  const status_id = outcome === undefined ? STATUS.Unknown : outcome ? STATUS.Success : STATUS.Failure;
  const out: StatusAttributes = { status_id, status: outcome === undefined ? 'Unknown' : outcome ? 'Success' : 'Failure' };
  if (code !== undefined && code !== '') out.status_code = code;
  if (detail !== undefined && detail !== '') out.status_detail = detail;
  return out;
}
