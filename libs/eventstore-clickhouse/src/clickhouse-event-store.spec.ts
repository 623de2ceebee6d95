import { describeEventStoreContract } from '@soc/eventstore';
import { ClickHouseEventStore } from './clickhouse-event-store';

// Runs only against a real server; there is no ClickHouse on the CI machine by default.
const url = process.env['SOC_TEST_CLICKHOUSE_URL'];

if (url) {
  describeEventStoreContract('clickhouse', async () =>
    ClickHouseEventStore.fromConfig({
      url,
      username: process.env['SOC_TEST_CLICKHOUSE_USER'] ?? 'default',
      password: process.env['SOC_TEST_CLICKHOUSE_PASSWORD'] ?? '',
      database: process.env['SOC_TEST_CLICKHOUSE_DATABASE'] ?? 'default',
    }),
  );
} else {
  process.stdout.write('skipped: no server (set SOC_TEST_CLICKHOUSE_URL)\n');
  it.skip('EventStore contract: clickhouse (needs SOC_TEST_CLICKHOUSE_URL)', () => undefined);
}
