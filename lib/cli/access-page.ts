import * as fs from 'fs';
import { App } from 'cdktf';
import { loadConfigFile } from '../config/load-config';
import { accessDiagram } from '../stack/access-diagram';
import { AccessMap } from '../stack/access-map';
import { OpenMetadataKeyVaultStack } from '../stack/openmetadata-keyvault-stack';
import { OutputFolder } from './output-folder';

/** How to read the diagram, and what it leaves out, once per page. */
const ACCESS_LEGEND =
  'What this stack grants and hands out. Each arrow into the vault is a role assignment at vault scope: it covers every ' +
  "secret in the vault, not only OpenMetadata's. A solid arrow from pods to a service account means they run as it, and a " +
  'federated credential lets that account act as the identity; a dotted arrow means they read a Kubernetes Secret (or a ' +
  'sensitive output) holding a client secret or the vault name. Not drawn: roles granted elsewhere (inherited from the ' +
  'resource group or subscription, or already held on an existing vault), and the other copies of a client secret: the ' +
  "Terraform state and the stack's sensitive outputs (docs/outputs.md).";

/** One environment's diagram as a fenced Mermaid block, which GitHub renders. */
export function accessSection(map: AccessMap): string {
  return `\`\`\`mermaid\n${accessDiagram(map)}\n\`\`\`\n`;
}

/** A Markdown page with every environment's diagram, under a heading each. */
export function accessPage(title: string, maps: readonly AccessMap[], header = ''): string {
  const sections = maps.map((m) => `## Environment \`${m.environment}\`\n\n${accessSection(m)}`);
  return `${header}# ${title}\n\n${ACCESS_LEGEND}\n\n${sections.join('\n')}`;
}

/**
 * The access maps of every environment of a configuration file, as a synth would build them (in a
 * scratch folder, removed again: nothing is synthesized).
 */
export function accessMapsOf(file: string): AccessMap[] {
  const config = loadConfigFile(file);
  const scratch = OutputFolder.scratch();
  try {
    const app = new App({ outdir: scratch.path, stackTraces: false });
    return Object.entries(config.environments).map(
      ([name, environment]) => new OpenMetadataKeyVaultStack(app, name, { environment }).accessMap,
    );
  } finally {
    fs.rmSync(scratch.path, { recursive: true, force: true });
  }
}
