export { parseEnv, describeEnv, type EnvSpec, type EnvVarSpec, type EnvConfig } from './env-spec';
