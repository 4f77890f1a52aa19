import type { PolicyRule } from './policy-rule';

/** The principal a construct path belongs to: `.../Server/...` or `.../KeyVault/IngestionSecretsUser...`. */
function roleOf(path: string): 'server' | 'ingestion' | undefined {
  for (const segment of path.split('/')) {
    if (segment.startsWith('Server')) return 'server';
    if (segment.startsWith('Ingestion')) return 'ingestion';
  }
  return undefined;
}

/**
 * The configuration settings behind a finding of `rule` at construct path `path`, as paths under
 * the environment (most specific first): the rule's settings with `<role>` read from the path. A
 * setting naming a role the path does not show is left out.
 */
export function findingSettings(rule: PolicyRule, path: string): string[][] {
  const role = roleOf(path);
  return rule.settings.flatMap((setting) => {
    if (!setting.includes('<role>')) return [setting.split('.')];
    return role === undefined ? [] : [setting.replace('<role>', role).split('.')];
  });
}
