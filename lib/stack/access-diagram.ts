import { OPENMETADATA_K8S_PIPELINE } from '../facts/openmetadata-charts';
import { AccessMap, AccessRole, Credential, CredentialSecret, ObjectRef } from './access-map';

/**
 * The access map as a Mermaid flowchart (GitHub renders it in Markdown): Azure on
 * one side (the vault, each principal and its role), each Kubernetes namespace on the other (the
 * pods, the service accounts they run as, the Secrets they read), and the CLI, run by hand.
 * Node IDs are generated; every label goes through `label`, so no configured name can end a
 * string or open a tag.
 */
export function accessDiagram(map: AccessMap): string {
  const lines: string[] = ['flowchart LR'];
  const edges: string[] = [];
  const principalId = (role: AccessRole) => `principal_${role}`;
  const applied = map.kubernetesManaged ? '' : ' (a manifest you apply)';

  lines.push('  subgraph azure["Azure"]');
  const vaultText = [`Key Vault ${map.vault.name}${map.vault.existing ? ' (existing)' : ''}`];
  vaultText.push(
    map.vault.serverSecretNameHead !== undefined
      ? `the server's secrets: ${map.vault.serverSecretNameHead}-*`
      : 'secrets you put there, read as secret:<name>',
  );
  lines.push(`    vault[(${label(vaultText)})]`);
  for (const p of map.principals) {
    const text = [`${p.kind} ${p.name}`, `acts for ${p.actsFor.join(' and ')}`];
    const schedule = p.secretSchedule;
    if (schedule) text.push(`client secrets replaced every ${schedule.periodDays} days, each valid ${schedule.lifetimeDays}`);
    lines.push(`    ${principalId(p.role)}[${label(text)}]`);
    edges.push(`  ${principalId(p.role)} -->|${label([`${p.vaultRole.name}:`, `${p.vaultRole.secrets} every secret`])}| vault`);
  }
  lines.push('  end');

  // Kubernetes objects, each drawn once, in the namespace it lives in.
  const namespaces = new Map<string, string[]>();
  const drawn = new Map<string, string>();
  const inNamespace = (namespace: string, line: string) => {
    if (!namespaces.has(namespace)) namespaces.set(namespace, []);
    (namespaces.get(namespace) as string[]).push(line);
  };
  const objectNode = (kind: 'account' | 'secret', ref: ObjectRef, text: string[]): string => {
    const key = `${kind}\n${ref.namespace}\n${ref.name}`;
    const existing = drawn.get(key);
    if (existing !== undefined) return existing;
    const id = `${kind}_${drawn.size + 1}`;
    drawn.set(key, id);
    inNamespace(ref.namespace, kind === 'account' ? `    ${id}([${label(text)}])` : `    ${id}[/${label(text)}/]`);
    return id;
  };
  const secretNode = (s: CredentialSecret) =>
    objectNode('secret', s, [`Secret ${s.name}${s.owner === 'chart' ? ' (chart openmetadata)' : applied}`, `keys: ${s.keys.join(', ')}`]);

  const outside: string[] = [];
  for (const w of map.workloads) {
    const id = `workload_${w.id}`;
    const text = [...w.label.split('\n'), ...(w.note !== undefined ? w.note.split('\n') : [])];
    const line = `    ${id}[${label(text)}]`;
    if (w.namespace !== undefined) inNamespace(w.namespace, line);
    else outside.push(line);
    if (w.actsAs) {
      edges.push(
        ...credentialEdges(id, w.actsAs.through, w.actsAs.when, principalId(w.actsAs.role), objectNode, secretNode, applied, outside),
      );
    }
    for (const s of w.alsoReads) edges.push(`  ${id} -.->|${label(['reads'])}| ${secretNode(s)}`);
    if (w.everySecretInNamespace && w.namespace !== undefined) {
      const all = objectNode('secret', { namespace: w.namespace, name: '*' }, [`every Secret in namespace ${w.namespace}`]);
      edges.push(
        `  ${id} -.->|${label([`may ${OPENMETADATA_K8S_PIPELINE.roleSecretVerbs.join(', ')}`, '(Role of chart openmetadata)'])}| ${all}`,
      );
    }
  }

  let group = 0;
  for (const [namespace, members] of namespaces) {
    group += 1;
    lines.push(`  subgraph namespace_${group}[${label([`Kubernetes namespace ${namespace}`])}]`, ...members, '  end');
  }
  if (outside.length > 0) lines.push('  subgraph outside["run by hand"]', ...outside, '  end');
  // One account can carry two workloads to one principal (a shared identity on the server's account): one edge each.
  return [...lines, ...new Set(edges)].join('\n');
}

/** The edges from a workload to its principal, through the credential that makes it act as it. */
function credentialEdges(
  from: string,
  credential: Credential,
  when: string | undefined,
  principal: string,
  objectNode: (kind: 'account', ref: ObjectRef, text: string[]) => string,
  secretNode: (s: CredentialSecret) => string,
  applied: string,
  outside: string[],
): string[] {
  if (credential.kind === 'service account') {
    const account = objectNode('account', credential.account, [`service account ${credential.account.name}${applied}`]);
    const runsAs = when === undefined ? 'runs as' : `${when}, runs as`;
    return [`  ${from} -->|${label([runsAs])}| ${account}`, `  ${account} -->|${label(['federated credential'])}| ${principal}`];
  }
  if (credential.kind === 'secret') {
    const secret = secretNode(credential.secret);
    const how = credential.copiedByServer ? ['env in its pod spec,', 'copied by the server from'] : ['reads'];
    return [`  ${from} -.->|${label(how)}| ${secret}`, `  ${secret} -->|${label(['client secret of'])}| ${principal}`];
  }
  const id = `output_${credential.output}`;
  outside.push(`    ${id}[/${label([`Terraform output ${credential.output} (sensitive)`])}/]`);
  return [`  ${from} -.->|${label(['reads'])}| ${id}`, `  ${id} -->|${label(['client secret of'])}| ${principal}`];
}

/**
 * A quoted Mermaid label, one line per entry. Mermaid reads `#name;` and `#number;` as entity
 * codes inside quotes: so `#` itself, the quote that would end the string, the angle brackets
 * (labels are HTML), a backtick (a Markdown string) and `%` (`%%` starts a comment or an
 * `%%{init}%%` directive anywhere in the text) are written as codes, and a line break in an
 * entry as a space.
 */
export function label(lines: readonly string[]): string {
  return `"${lines.map(escapeLine).join('<br/>')}"`;
}

function escapeLine(text: string): string {
  return text.replace(/\r\n|[\r\n]/g, ' ').replace(/[#"<>&`%]/g, (c) => `#${c.charCodeAt(0)};`);
}
