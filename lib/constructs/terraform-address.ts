import { TerraformStack } from 'cdktf';
// cdktf's own logical-ID function (0.21.0, its final release, pinned exactly): the only way to name
// the address a construct would have without adding it to the tree. A test checks the result
// against the address cdktf gives a real construct at that path.
import { makeUniqueId } from 'cdktf/lib/private/unique';
import type { IConstruct } from 'constructs';

/**
 * The logical ID (the name in `type.name`) of a resource `childId` under a sibling `siblingId` of
 * `construct`, as cdktf would allocate it: from the path components below the stack.
 */
export function siblingAddress(construct: IConstruct, siblingId: string, childId: string): string {
  const stack = TerraformStack.of(construct);
  const scopes = construct.node.scopes;
  const below = scopes.slice(scopes.indexOf(stack) + 1).map((c) => c.node.id);
  return makeUniqueId([...below.slice(0, -1), siblingId, childId]);
}

/** The logical ID a resource `id` directly under `scope` would get, without adding it to the tree. */
export function childAddress(scope: IConstruct, id: string): string {
  const stack = TerraformStack.of(scope);
  const scopes = scope.node.scopes;
  return makeUniqueId([...scopes.slice(scopes.indexOf(stack) + 1).map((c) => c.node.id), id]);
}
