import { type Socket as UdpSocket, createSocket } from 'node:dgram';
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import type { Logger } from '@soc/logging';
import type { SyslogBatcher } from './batcher';
import { SyslogFramer } from './framing';

export interface SyslogListenerOptions {
  host: string;
  /** TCP port; 0 picks a free one (tests). Undefined disables TCP. */
  tcpPort?: number;
  /** UDP port; 0 picks a free one. Undefined disables UDP. */
  udpPort?: number;
  maxMessageBytes: number;
  maxConnections: number;
}

/**
 * Receives RFC 5424 / RFC 3164 syslog over TCP (octet-counted or newline-framed) and UDP
 * (one message per datagram) and hands messages to the batcher. TCP sockets are paused while
 * the batcher is full, so a fast sender is slowed by TCP flow control rather than dropped.
 */
export class SyslogListener {
  private tcp: Server | undefined;
  private udp: UdpSocket | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly opts: SyslogListenerOptions,
    private readonly batcher: SyslogBatcher,
    private readonly log: Logger,
  ) {}

  async start(): Promise<{ tcpPort?: number; udpPort?: number }> {
    const out: { tcpPort?: number; udpPort?: number } = {};
    if (this.opts.tcpPort !== undefined) out.tcpPort = await this.startTcp(this.opts.tcpPort);
    if (this.opts.udpPort !== undefined) out.udpPort = await this.startUdp(this.opts.udpPort);
    return out;
  }

  /** Stops listening, appends what is pending, then closes connections (forcibly after 2 s). */
  async stop(): Promise<void> {
    const closed = Promise.all([
      this.tcp ? new Promise<void>((r) => this.tcp?.close(() => r())) : undefined,
      this.udp ? new Promise<void>((r) => this.udp?.close(() => r())) : undefined,
    ]);
    await this.batcher.flush();
    for (const s of this.sockets) s.end();
    const grace = setTimeout(() => {
      for (const s of this.sockets) s.destroy();
    }, 2000);
    await closed;
    clearTimeout(grace);
    await this.batcher.flush();
    if (this.batcher.size > 0) this.log.error({ messages: this.batcher.size }, 'syslog messages could not be appended before shutdown');
  }

  private startTcp(port: number): Promise<number> {
    const server = createServer((socket) => this.onConnection(socket));
    server.maxConnections = this.opts.maxConnections;
    this.tcp = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.opts.host, () => resolve((server.address() as AddressInfo).port));
    });
  }

  private onConnection(socket: Socket): void {
    this.sockets.add(socket);
    const framer = new SyslogFramer(this.opts.maxMessageBytes);
    const take = (messages: string[]): void => {
      for (const m of messages) this.batcher.add(m, 'syslog-tcp', true);
      if (!this.batcher.hasRoom) {
        socket.pause();
        void this.batcher.flush().then(() => socket.resume());
      }
    };
    socket.on('data', (chunk: Buffer) => {
      const { messages, oversized } = framer.push(chunk);
      if (oversized > 0) this.log.warn({ oversized, remote: socket.remoteAddress }, 'syslog frames over the size limit were skipped');
      take(messages);
    });
    socket.on('end', () => take(framer.end()));
    socket.on('error', (err) => this.log.debug({ err }, 'syslog tcp connection error'));
    socket.on('close', () => this.sockets.delete(socket));
  }

  private startUdp(port: number): Promise<number> {
    const udp = createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
    this.udp = udp;
    udp.on('message', (msg) => {
      if (msg.length > this.opts.maxMessageBytes) return void this.log.warn({ bytes: msg.length }, 'syslog datagram over the size limit skipped');
      const text = msg.toString('utf8').replace(/\r?\n$/, '');
      if (text.trim()) this.batcher.add(text, 'syslog-udp');
    });
    return new Promise((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, this.opts.host, () => resolve(udp.address().port));
    });
  }
}
