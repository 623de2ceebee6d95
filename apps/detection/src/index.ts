export { DetectionService, DETECTION_CONSUMER, type DetectionDeps } from './detection-service';
export { TenantDetectors, type TenantDetectorsOptions, type TenantDetector } from './tenant-detectors';
export type { DetectionRuleSource, RuleDocument, TenantRulePack } from './rule-source';
export type { DetectionStateStore, DetectionState } from './detection-state';
export { compileException, type DetectionException, type ExceptionOp } from './exceptions';
export { buildAlert, alertId, detectionFinding, type AttackResolver, type AttackInfo, type AlertRule } from './finding';
export { entitiesOf } from './entities';
export { testRules, viewsOf, type RuleTestResult, type RuleTestInput } from './rule-test';
export { ruleTestRoutes, type RuleTestRouteOptions } from './rule-test-routes';
