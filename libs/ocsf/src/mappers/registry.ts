import type { SourceName } from '@soc/contracts';
import type { SourceMapper } from '../mapper';
import { auditdMapper } from './auditd';
import { cloudtrailMapper } from './aws-cloudtrail';
import { entraMapper } from './entra';
import { githubAuditMapper } from './github-audit';
import { oktaMapper } from './okta';
import { syslogMapper } from './syslog';
import { windowsMapper } from './windows';
import { zeekMapper } from './zeek';

/** One mapper per ingest source; the Record type makes a missing source a compile error. */
const MAPPERS: Readonly<Record<SourceName, SourceMapper>> = {
  windows: windowsMapper,
  'aws-cloudtrail': cloudtrailMapper,
  okta: oktaMapper,
  entra: entraMapper,
  'github-audit': githubAuditMapper,
  zeek: zeekMapper,
  auditd: auditdMapper,
  syslog: syslogMapper,
};

/** The mapper of a source. */
export function mapperFor(source: SourceName): SourceMapper {
  return MAPPERS[source];
}
