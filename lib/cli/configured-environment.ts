import type { EnvironmentConfig } from '../config/config-schema';
import { configFilePath, loadConfigFile } from '../config/load-config';
import { CommandInputError, ConfigError } from '../facts/errors';
import { quoted } from '../facts/message-text';

/**
 * The validated settings of one environment of the configuration file (environments.yaml, or
 * OM_AZURE_CONFIG), for a command that takes an environment name; each problem is a CommandInputError.
 */
export function configuredEnvironment(
  environment: string,
  env: NodeJS.ProcessEnv,
): { readonly file: string; readonly config: EnvironmentConfig } {
  const fail = (message: string) => new CommandInputError(message);
  const file = configFilePath(env);
  let environments: Record<string, EnvironmentConfig>;
  try {
    environments = loadConfigFile(file).environments;
  } catch (e) {
    if (e instanceof ConfigError) throw fail(`cannot check environment ${environment} against ${file}: ${e.problems.join('; ')}`);
    throw e;
  }
  const config = environments[environment];
  if (config === undefined) {
    throw fail(
      `environment: received ${quoted(environment)}; expected one of the environments in ${file}: ${Object.keys(environments).join(', ')}`,
    );
  }
  return { file, config };
}
