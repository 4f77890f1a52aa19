import { App } from 'cdktf';
import { ConfigError, configFilePath, loadConfigFile } from './lib/load-config';
import { ValidationError } from './lib/naming-rules';
import { OpenMetadataKeyVaultStack } from './lib/openmetadata-keyvault-stack';

// Reads the configuration, builds one stack per environment, synthesizes. Everything is validated
// before `new App()`, which is what creates cdktf.out: a bad file leaves no output behind.
function main(): void {
  const config = loadConfigFile(configFilePath());
  const app = new App();
  for (const [name, environment] of Object.entries(config.environments)) {
    new OpenMetadataKeyVaultStack(app, name, { environment });
  }
  app.synth();
}

try {
  main();
} catch (e) {
  if (e instanceof ConfigError || e instanceof ValidationError) {
    // Bad input, not a bug: the message says what to fix, a stack trace would only bury it.
    process.stderr.write(`Configuration error: ${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
