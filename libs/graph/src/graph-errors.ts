import { SocError } from '@soc/errors';

/** Another writer moved a consumer's watermark since it was read; re-read it and rebuild the write. */
export const SOC_ERR_GRAPH_WATERMARK_CONFLICT = 'SOC_ERR_GRAPH_WATERMARK_CONFLICT';

/** The watermark of `stream` is `stored`, not the `expected` position the write was built from. */
export function watermarkConflict(stream: string, expected: number | null, stored: number | null): SocError {
  return new SocError(SOC_ERR_GRAPH_WATERMARK_CONFLICT, `watermark of ${stream} is ${stored ?? 'unset'}, expected ${expected ?? 'unset'}`, {
    httpStatus: 409,
    retryable: true,
    details: { stream, expected, stored },
  });
}
