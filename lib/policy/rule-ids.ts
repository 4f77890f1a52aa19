/**
 * The IDs of the rule pack, in report order: what `policy.suppressions` may name. A list of its own
 * so the config schema knows them without loading the rules (a test keeps it equal to the pack).
 */
export const RULE_IDS = [
  'OMKV-KV1',
  'OMKV-KV2',
  'OMKV-KV3',
  'OMKV-KV4',
  'OMKV-KV5',
  'OMKV-KV6',
  'OMKV-KV7',
  'OMKV-KV8',
  'OMKV-KV9',
  'OMKV-KV10',
  'OMKV-RA1',
  'OMKV-RA2',
  'OMKV-RA3',
  'OMKV-RA4',
  'OMKV-ID1',
  'OMKV-ID2',
  'OMKV-ID3',
  'OMKV-ID4',
  'OMKV-K8S1',
  'OMKV-CS1',
  'OMKV-CS2',
  'OMKV-AZ1',
] as const;
