import { firstBlock, referencesIn, StackView } from './policy-rule';

/** Whether a private endpoint in the stack connects to the vault at `address` (rules KV5 and KV6). */
export function hasPrivateEndpoint(stack: StackView, address: string): boolean {
  return stack.ofType('azurerm_private_endpoint').some((pe) => {
    return referencesIn(firstBlock(pe.config.private_service_connection)?.private_connection_resource_id).includes(address);
  });
}
