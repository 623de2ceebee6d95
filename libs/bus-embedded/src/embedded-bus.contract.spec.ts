import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describeBusContract } from '@soc/bus';
import { EmbeddedBus } from './embedded-bus';

describeBusContract('EmbeddedBus', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'soc-bus-contract-'));
  return {
    open: () => EmbeddedBus.open({ dir, partitions: 3 }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});
