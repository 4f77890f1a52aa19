import { spawnSync } from 'child_process';

/** The terraform on the PATH, or undefined (a module of its own: asking loads no gRPC). */
export function terraformVersion(): string | undefined {
  const probe = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8' });
  return probe.status === 0 ? (JSON.parse(probe.stdout).terraform_version as string) : undefined;
}
