import { describeBusContract } from '@soc/bus';
import { KafkaBus } from './kafka-bus';

// Specs may read the environment: the Kafka contract runs only where a broker is provided.
const brokers = process.env['SOC_TEST_KAFKA_BROKERS'];

if (brokers) {
  describeBusContract('KafkaBus', async () => {
    const config = { brokers: brokers.split(','), clientId: `soc-contract-${process.pid}` };
    const admin = KafkaBus.fromConfig(config);
    return {
      open: async () => KafkaBus.fromConfig(config),
      createTopic: (topic, partitions) => admin.ensureTopic(topic, partitions),
      cleanup: () => admin.close(),
    };
  });
} else {
  process.stdout.write('skipped: no server (set SOC_TEST_KAFKA_BROKERS)\n');
  describe('Bus contract: KafkaBus', () => {
    it.skip('needs a Kafka broker (set SOC_TEST_KAFKA_BROKERS)', () => undefined);
  });
}
