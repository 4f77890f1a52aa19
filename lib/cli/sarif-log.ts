import { createHash } from 'crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { settingPosition } from '../config/setting-position';
import { PROJECT_VERSION } from '../facts/project-version';
import { findingSettings } from '../policy/finding-settings';
import type { Finding, PolicyReport } from '../policy/policy-checks';
import { RULE_PACK } from '../policy/rule-pack';

/**
 * The policy report as SARIF 2.1.0, for GitHub code scanning and Azure DevOps: one result per
 * finding, located at the configuration setting that decides it (lib/policy/finding-settings.ts),
 * the rule pack as the rule descriptions, and a suppression with its reason as a SARIF suppression.
 */

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function descriptor(rule: (typeof RULE_PACK)[number]): ReportingDescriptor {
  return {
    id: rule.id,
    shortDescription: { text: rule.cause },
    fullDescription: { text: rule.explanation },
    help: {
      text: `${rule.fix}${rule.references.length > 0 ? ` See also: ${rule.references.join('; ')}.` : ''}`,
    },
    defaultConfiguration: { level: rule.level },
    properties: { settings: [...rule.settings], references: [...rule.references] },
  };
}

/** The findings of `reports` as one SARIF log; `uri` names the configuration file as the repository sees it. */
export function sarifLog(reports: readonly PolicyReport[], uri: string, text: string): Log {
  const rules = RULE_PACK.map(descriptor);
  const results: Result[] = [];
  for (const report of reports) {
    for (const finding of report.findings) results.push(resultOf(report.stack, finding, uri, text));
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'openmetadata-azure-keyvault policy checks',
            version: PROJECT_VERSION,
            semanticVersion: PROJECT_VERSION,
            informationUri: 'https://open-metadata.org',
            rules,
          },
        },
        results,
      },
    ],
  };
}

function resultOf(environment: string, finding: Finding, uri: string, text: string): Result {
  const settings = findingSettings(finding.rule, finding.path);
  // The first setting the file writes, or the nearest key it writes on the way there.
  const positions = settings.map((s) => ({ wanted: s.length, at: settingPosition(text, environment, s) }));
  const position =
    positions.find((p) => p.at?.found.length === p.wanted)?.at ?? positions.find((p) => p.at)?.at ?? settingPosition(text, environment, []);
  const setting = settings[0]?.join('.');
  const result: Result = {
    ruleId: finding.rule.id,
    ruleIndex: RULE_PACK.indexOf(finding.rule),
    level: finding.level,
    message: {
      text: `${finding.rule.cause} Environment ${environment}, ${finding.path}${setting ? `, setting ${setting}` : ''}. Fix: ${finding.rule.fix}`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri },
          region: position ? { startLine: position.line, startColumn: position.column } : { startLine: 1 },
        },
        logicalLocations: [{ fullyQualifiedName: finding.path, kind: 'resource' }],
      },
    ],
    // Stable while lines move: the rule, the environment and the construct.
    partialFingerprints: {
      'omkvFinding/v1': createHash('sha256').update(`${finding.rule.id}\0${environment}\0${finding.path}`).digest('hex').slice(0, 32),
    },
  };
  if (finding.suppressedBecause !== undefined) {
    // Written in the configuration file the results point at: a suppression in the source.
    result.suppressions = [{ kind: 'inSource', justification: finding.suppressedBecause }];
  }
  return result;
}
