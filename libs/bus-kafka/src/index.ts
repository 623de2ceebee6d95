export { KafkaBus, type KafkaBusConfig } from './kafka-bus';
