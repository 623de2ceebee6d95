import type { Database } from '@soc/db';
import type { FusionStateStore } from '@soc/fusion-service';

/** Fusion state lives in system_state: one document with every tenant's open cases and the alert offsets it covers. */
const FUSION_STATE_KEY = 'fusion.state';

/** Fusion's offsets and engine memory in the state database; the service checks the shape it loads. */
export function fusionStateStore(db: Database): FusionStateStore {
  return {
    async load() {
      return (await db.system.getState(FUSION_STATE_KEY))?.value;
    },
    async save(state) {
      await db.system.setState(FUSION_STATE_KEY, state);
    },
  };
}
