import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Delivery } from '@soc/bus';
import { EmbeddedBus } from '@soc/bus-embedded';
import { Topics, systemClock } from '@soc/contracts';
import { createLogger } from '@soc/logging';
import { MetricsRegistry } from '@soc/metrics';
import { IngestService } from '../ingest-service';
import { SyslogBatcher } from './batcher';
import { SyslogListener } from './listener';

/** Real sockets on loopback: TCP with both RFC 6587 framings, and UDP, into the durable bus. */
describe('SyslogListener', () => {
  let dir: string;
  let bus: EmbeddedBus;
  let listener: SyslogListener;
  let ports: { tcpPort?: number; udpPort?: number };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'syslog-'));
    bus = await EmbeddedBus.open({ dir, partitions: 1 });
    const metrics = new MetricsRegistry();
    const log = createLogger({ level: 'silent', name: 't' });
    const ingest = new IngestService(bus, { maxRecordBytes: 8192, maxRecords: 10_000 }, systemClock, metrics);
    const batcher = new SyslogBatcher(ingest, { tenantId: 'acme', maxBatch: 100, flushMs: 20, maxPending: 1000 }, log, metrics);
    listener = new SyslogListener({ host: '127.0.0.1', tcpPort: 0, udpPort: 0, maxMessageBytes: 8192, maxConnections: 10 }, batcher, log);
    ports = await listener.start();
  });

  afterAll(async () => {
    await listener.stop();
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends TCP (octet-counted and newline-framed) and UDP messages as raw syslog records of the tenant', async () => {
    const rfc5424 = '<165>1 2026-11-01T10:00:00.000Z web01 sshd 42 ID47 [origin ip="10.0.0.5"] Accepted password for alice from 10.0.0.9 port 51000 ssh2';
    const rfc3164 = '<38>Nov  1 10:00:01 web01 sudo: alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id';
    const udpLine = '<86>Nov  1 10:00:02 web02 sshd[77]: Failed password for invalid user bob from 203.0.113.7 port 4242 ssh2';
    await new Promise<void>((resolve, reject) => {
      const s = connect(ports.tcpPort ?? 0, '127.0.0.1', () => {
        s.write(`${Buffer.byteLength(rfc5424)} ${rfc5424}`);
        s.end(`${rfc3164}\n`);
      });
      s.on('close', () => resolve());
      s.on('error', reject);
    });
    const udp = createSocket('udp4');
    await new Promise<void>((r) => udp.send(udpLine, ports.udpPort ?? 0, '127.0.0.1', () => r()));
    udp.close();

    const got: Delivery[] = [];
    const sub = await bus.subscribe({ topic: Topics.rawEvents, group: 'check', handler: async (b) => void got.push(...b) });
    for (let i = 0; i < 100 && got.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    await sub.stop();
    const values = got.map((d) => d.value as { tenantId: string; payload: { source: string; data: string; channel: string } });
    expect(values.map((v) => v.payload.data).sort()).toEqual([rfc5424, rfc3164, udpLine].sort());
    expect(new Set(values.map((v) => v.tenantId))).toEqual(new Set(['acme']));
    expect(new Set(values.map((v) => v.payload.source))).toEqual(new Set(['syslog']));
    expect(new Set(values.map((v) => v.payload.channel))).toEqual(new Set(['syslog-tcp', 'syslog-udp']));
  });
});
