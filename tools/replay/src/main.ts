import { parseArgs } from 'node:util';
import { isSourceName } from '@soc/contracts';
import { IngestClient, IngestClientError } from './ingest-client';
import { replayFiles } from './replay';

const USAGE = `usage: npm run replay -- [--url http://127.0.0.1:8080] [--key KEY | env SOC_API_KEY] [--source NAME]
       [--batch 1000] [--concurrency 4] [--gzip] [--quiet] FILE...
Files: .ndjson/.jsonl (one record per line), .json (array, {"Records":[...]}, or concatenated objects),
.log/.txt (text records for auditd and syslog); any of them gzipped (.gz). Without --source the
source comes from the file name, e.g. windows.ndjson, aws-cloudtrail.json, auditd.log.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string', default: process.env['SOC_URL'] ?? 'http://127.0.0.1:8080' },
      key: { type: 'string' },
      source: { type: 'string' },
      batch: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '4' },
      gzip: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const apiKey = values.key ?? process.env['SOC_API_KEY'];
  if (!apiKey) {
    console.error('replay: an API key with the ingest scope is required (--key or SOC_API_KEY)');
    return 2;
  }
  if (values.source !== undefined && !isSourceName(values.source)) {
    console.error(`replay: unknown source '${values.source}'`);
    return 2;
  }
  const client = new IngestClient({ baseUrl: values.url, apiKey, gzip: values.gzip });
  const stats = await replayFiles({
    client,
    files: positionals,
    ...(values.source !== undefined && isSourceName(values.source) ? { source: values.source } : {}),
    batchLines: Math.max(1, Number(values.batch)),
    concurrency: Math.max(1, Number(values.concurrency)),
    onRejected: values.quiet ? undefined : (file, line, code, reason) => console.error(`${file}:${line}: ${code}: ${reason}`),
  });
  console.log(JSON.stringify({ ...stats, eventsPerSecond: Math.round(stats.accepted / Math.max(stats.seconds, 1e-9)) }));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`replay: ${err instanceof IngestClientError ? `${err.code}: ` : ''}${(err as Error).message}`);
    process.exit(1);
  },
);
