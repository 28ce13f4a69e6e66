export { runExperiment, runFiles, describeRoleDeath, type ExperimentOptions, type RoleDeathReport } from './run-experiment.js';
export { stackConfig, type StackChoices } from './stack-config.js';
export { writeRunOutputs, writeFailureReason, type WrittenOutputs } from './write-run-outputs.js';
export { claimOutDir, dirSafeName, defaultDirName, CLAIM_FILE, MAX_DIR_NAME, type ClaimedDir } from './claim-out-dir.js';
export { sampleTimeline, type SampleFailures } from './sample-timeline.js';
export { runSweep, type SweepOptions } from './run-sweep.js';
export { scaleWarning, WALL_RATE_WARNING } from './scale-warning.js';
export { assertScaleFloor, stackCostWarning, MIN_WALL_LIMIT_MS, STACK_COST_WALL_MS } from './scale-floor.js';
