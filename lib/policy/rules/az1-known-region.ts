import { AZURE_PUBLIC_REGIONS, regionName } from '../../facts/azure-regions';
import { PolicyRule, referencesIn } from '../policy-rule';

/** OMKV-AZ1: resources go to a known public-cloud region. */
export const AZ1_KNOWN_REGION: PolicyRule = {
  id: 'OMKV-AZ1',
  level: 'warning',
  cause: 'A resource goes to a location that is not in the pinned list of Azure public-cloud regions.',
  explanation:
    'Azure refuses an unknown location only at apply, after the plan looked fine; a sovereign-cloud region (China, US Government) would put the vault where OpenMetadata, which only builds <name>.vault.azure.net URLs, cannot reach it. A region opened after the list was pinned is fine.',
  fix: 'Set location (and keyVault.privateEndpoint.location) to a region name as `az account list-locations --query "[].name"` prints it, or suppress this rule with the region the list does not know yet.',
  references: ['Azure/azure-sdk-for-net AzureLocation.cs'],
  settings: ['location', 'keyVault.privateEndpoint.location'],
  appliesTo: ['azurerm_resource_group', 'azurerm_key_vault', 'azurerm_user_assigned_identity', 'azurerm_private_endpoint'],
  check(target) {
    if (target.kind !== 'resource') return 'not-applicable';
    const location = target.config.location;
    // A location read at plan (the subnet's virtual network) is Azure's own.
    if (typeof location !== 'string' || referencesIn(location).length > 0) return 'not-applicable';
    return AZURE_PUBLIC_REGIONS.has(regionName(location)) ? 'compliant' : 'non-compliant';
  },
};
