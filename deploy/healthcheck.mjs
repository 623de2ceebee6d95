// Container HEALTHCHECK for deploy/Dockerfile (the slim image has no curl).
// Exit 0 when GET /healthz answers 2xx; exit 1 otherwise. Every process serves /healthz,
// worker-only ones (normalize, lake, dlq) included.

const port = process.env.SOC_PORT || '8080';
const bind = process.env.SOC_HOST || '127.0.0.1';
// A wildcard bind is reachable on loopback; a specific address must be dialled as is.
const host = bind === '0.0.0.0' || bind === '::' || bind === '' ? '127.0.0.1' : bind;
const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/healthz`;

try {
  const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
  if (!res.ok) {
    process.stderr.write(`healthcheck: ${url} answered ${res.status}\n`);
    process.exit(1);
  }
  process.exit(0);
} catch (err) {
  process.stderr.write(`healthcheck: ${url} failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
