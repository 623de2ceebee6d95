import {
  checkedHeaders,
  encodedValue,
  type Bus,
  type BusLogger,
  type OutgoingMessage,
  type SubscribeOptions,
  type Subscription,
  assertValidName,
  busClosed,
  startOrRollBack,
  silentLogger,
} from '@soc/bus';
import { type Admin, Kafka, type KafkaConfig, type Producer, Partitioners, logLevel } from 'kafkajs';
import { KafkaSubscription } from './kafka-subscription';

/** Connection settings of {@link KafkaBus.fromConfig}; validated by the app's config schema. */
export interface KafkaBusConfig {
  brokers: string[];
  clientId: string;
  ssl?: KafkaConfig['ssl'];
  sasl?: KafkaConfig['sasl'];
  connectionTimeout?: number;
  requestTimeout?: number;
  logger?: BusLogger;
}

function logCreator(logger: BusLogger): KafkaConfig['logCreator'] {
  return () =>
    ({ namespace, level, log }) => {
      const { message, ...rest } = log;
      const line = { ...rest, namespace };
      if (level <= logLevel.ERROR) logger.error(line, `kafkajs: ${message}`);
      else if (level === logLevel.WARN) logger.warn(line, `kafkajs: ${message}`);
      else logger.info(line, `kafkajs: ${message}`);
    };
}

/**
 * The Bus on Apache Kafka via kafkajs. The producer is idempotent and sends with acks -1 (all
 * in-sync replicas), partitioning by key with the Java-compatible murmur2 partitioner; each
 * subscription is a consumer group member that commits only after its handler resolves.
 */
export class KafkaBus implements Bus {
  private producer: Promise<Producer> | undefined;
  private adminClient: Promise<Admin> | undefined;
  private readonly subscriptions = new Set<KafkaSubscription>();
  private closed = false;

  private constructor(
    private readonly kafka: Kafka,
    private readonly logger: BusLogger,
  ) {}

  /** Builds the bus; connections open lazily on first publish, subscribe or admin call. */
  static fromConfig(config: KafkaBusConfig): KafkaBus {
    const logger = config.logger ?? silentLogger;
    const kafka = new Kafka({
      brokers: config.brokers,
      clientId: config.clientId,
      ...(config.ssl !== undefined ? { ssl: config.ssl } : {}),
      ...(config.sasl !== undefined ? { sasl: config.sasl } : {}),
      ...(config.connectionTimeout !== undefined ? { connectionTimeout: config.connectionTimeout } : {}),
      ...(config.requestTimeout !== undefined ? { requestTimeout: config.requestTimeout } : {}),
      logLevel: logLevel.WARN,
      logCreator: logCreator(logger),
    });
    return new KafkaBus(kafka, logger);
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      // Idempotence needs acks -1 and at most 5 in flight; 1 keeps per-partition order across retries.
      const p = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      await p.connect();
      return p;
    })();
    this.producer.catch(() => (this.producer = undefined));
    return this.producer;
  }

  private admin(): Promise<Admin> {
    this.adminClient ??= (async () => {
      const a = this.kafka.admin();
      await a.connect();
      return a;
    })();
    this.adminClient.catch(() => (this.adminClient = undefined));
    return this.adminClient;
  }

  /** Creates a topic if it does not exist (deployments usually pre-create topics). */
  async ensureTopic(topic: string, partitions: number, replicationFactor = 1): Promise<void> {
    assertValidName('topic', topic);
    const admin = await this.admin();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions, replicationFactor }] });
  }

  /** Sends with acks -1; resolves when every in-sync replica has the messages. */
  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closed) throw busClosed();
    assertValidName('topic', topic);
    if (messages.length === 0) return;
    const producer = await this.connectedProducer();
    await producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => {
        const headers = checkedHeaders(m, topic);
        return headers === undefined ? { key: m.key, value: encodedValue(m) ?? null } : { key: m.key, value: encodedValue(m) ?? null, headers: { ...headers } };
      }),
    });
  }

  /** Joins `options.group` on `options.topic`; a group with no commits starts at the earliest offset. */
  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.closed) throw busClosed();
    assertValidName('topic', options.topic);
    assertValidName('group', options.group);
    const consumer = this.kafka.consumer({ groupId: options.group });
    const sub = new KafkaSubscription(consumer, () => this.admin(), options, this.logger, () => this.subscriptions.delete(sub));
    this.subscriptions.add(sub);
    return startOrRollBack(sub);
  }

  /** Stops every subscription (each finishing its batch), then disconnects producer and admin. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.subscriptions].map((s) => s.stop()));
    const [producer, admin] = await Promise.allSettled([this.producer, this.adminClient]);
    if (producer.status === 'fulfilled' && producer.value) await producer.value.disconnect();
    if (admin.status === 'fulfilled' && admin.value) await admin.value.disconnect();
  }
}
