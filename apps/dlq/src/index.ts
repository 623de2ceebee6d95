export { DeadLetterSink, DEAD_LETTER_TOPICS, type DeadLetterRecord, type DeadLetterWriter } from './dead-letter-sink';
