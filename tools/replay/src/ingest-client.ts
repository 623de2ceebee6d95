import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export interface IngestClientOptions {
  baseUrl: string;
  apiKey: string;
  gzip?: boolean;
  /** Give up on one batch after this many attempts (429/503/network errors are retried). */
  maxAttempts?: number;
  /** Injected for tests; defaults to global fetch. */
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface BatchResult {
  accepted: number;
  rejected: number;
  errors: { line: number; code: string; reason: string }[];
  attempts: number;
}

/** A client-side failure with the server's error code when there was one. */
export class IngestClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'IngestClientError';
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Posts batches to `POST /v1/ingest/{source}`. Every batch carries an Idempotency-Key derived
 * from its content, so a retry after a lost acknowledgement cannot create duplicates; 429 and
 * 503 are retried after the server's Retry-After.
 */
export class IngestClient {
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: IngestClientOptions) {
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.sleep = opts.sleep ?? defaultSleep;
  }

  async send(source: string, body: string, contentType: string, idempotencySeed: string): Promise<BatchResult> {
    const key = createHash('sha256').update(idempotencySeed).update('\0').update(body).digest('hex').slice(0, 40);
    const payload = this.opts.gzip ? gzipSync(body) : Buffer.from(body);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.opts.apiKey}`,
      'content-type': contentType,
      'idempotency-key': key,
      ...(this.opts.gzip ? { 'content-encoding': 'gzip' } : {}),
    };
    const url = `${this.opts.baseUrl.replace(/\/$/, '')}/v1/ingest/${encodeURIComponent(source)}`;
    const maxAttempts = this.opts.maxAttempts ?? 20;
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await this.fetchImpl(url, { method: 'POST', headers, body: payload });
      } catch (err) {
        if (attempt >= maxAttempts) throw new IngestClientError('SOC_ERR_UNAVAILABLE', `ingest unreachable: ${(err as Error).message}`);
        await this.sleep(Math.min(5000, 100 * 2 ** attempt));
        continue;
      }
      if (res.status === 202) {
        const r = (await res.json()) as Omit<BatchResult, 'attempts'>;
        return { ...r, attempts: attempt };
      }
      const text = await res.text();
      let code = `HTTP_${res.status}`;
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? code;
      } catch {
        // Non-JSON error body (a proxy, say): keep the status as the code.
      }
      if ((res.status === 429 || res.status === 503) && attempt < maxAttempts) {
        const retryAfter = Number(res.headers.get('retry-after') ?? '1');
        await this.sleep(Math.max(100, (Number.isFinite(retryAfter) ? retryAfter : 1) * 1000));
        continue;
      }
      throw new IngestClientError(code, `ingest refused the batch (${res.status}): ${text.slice(0, 500)}`, res.status);
    }
  }
}
