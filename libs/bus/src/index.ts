export type { Bus, OutgoingMessage, Delivery, SubscribeOptions, Subscription, ResumeFrom } from './bus';
