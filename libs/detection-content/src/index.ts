export { NATIVE_RULES_DIR } from './rules-dir';
export { FIXTURE_SCENARIO, mappedScenario, chainOf, type LabelledEvent } from './scenario-events';
export { generateFixtures, writeFixtures, readFixture, renderFixture, fixtureFileOf, type RuleFixture } from './fixtures';
export { FIXTURE_SPECS, type FixtureSpec } from './fixture-specs';
export { listRuleFiles, loadRuleFile, loadRuleSet, correlationEngineFor, runCorrelations, type LoadedRuleFile } from './rule-set';
export { detectionReport, type DetectionReport, type RuleScore } from './detection-report';
