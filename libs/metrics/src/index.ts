export { MetricsRegistry, Counter, Gauge, type Labels } from './registry';
