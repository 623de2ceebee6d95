export { type Bus, type OutgoingMessage, type MessageHeaders, MAX_HEADER_BYTES, checkedHeaders, type Delivery, type SubscribeOptions, type Subscription, type ResumeFrom, encodedValue, decodeValue, startOrRollBack } from './bus';
export {
  BusErrorCodes,
  busClosed,
  logCorrupt,
  nameInvalid,
  subscriptionConflict,
  messageTooLarge,
  messageInvalid,
  logLocked,
  assertValidName,
} from './bus-errors';
export { consumeValidated, deadLetterFor, UNATTRIBUTED_TENANT, type ValidatedConsumer, type ValidatedConsumerOptions, type ValidDelivery } from './consume-validated';
export { type BusLogger, silentLogger } from './bus-logger';
export { ensureDateTimeFormat } from './date-time-format';
export { describeBusContract, type BusContractHarness } from './bus-contract';
export { schemaErrorsText } from './schema-errors';
export { AppliedOffsets } from './applied-offsets';
