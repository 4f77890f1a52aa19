/**
 * Azure public-cloud regions by name, as Azure/azure-sdk-for-net lists them in
 * sdk/core/Azure.Core/src/AzureLocation.cs (commit 8802eec94a69e64277f74439f3e1c351a6f22d60), less
 * what this stack cannot use: the China and US Government regions belong to sovereign clouds,
 * whose vaults are not at <name>.vault.azure.net (the only URL OpenMetadata builds), and Germany
 * Central and Northeast were Microsoft Cloud Deutschland, closed in 2021. Regions Azure opened
 * after that list are missing: a name not here gets a warning (OMKV-AZ1), never a refusal.
 */
export const AZURE_PUBLIC_REGIONS: ReadonlySet<string> = new Set([
  'eastasia',
  'southeastasia',
  'centralus',
  'eastus',
  'eastus2',
  'westus',
  'westus2',
  'westus3',
  'northcentralus',
  'southcentralus',
  'northeurope',
  'westeurope',
  'japanwest',
  'japaneast',
  'brazilsouth',
  'australiaeast',
  'australiasoutheast',
  'southindia',
  'centralindia',
  'westindia',
  'canadacentral',
  'canadaeast',
  'uksouth',
  'ukwest',
  'westcentralus',
  'koreacentral',
  'koreasouth',
  'francecentral',
  'francesouth',
  'australiacentral',
  'australiacentral2',
  'uaecentral',
  'uaenorth',
  'southafricanorth',
  'southafricawest',
  'swedencentral',
  'swedensouth',
  'switzerlandnorth',
  'switzerlandwest',
  'germanynorth',
  'germanywestcentral',
  'norwaywest',
  'norwayeast',
  'brazilsoutheast',
  'qatarcentral',
  'israelcentral',
  'italynorth',
  'polandcentral',
  'mexicocentral',
  'spaincentral',
]);

/** A region as the providers take it ("West Europe" or "westeurope"), in the list's form. */
export function regionName(location: string): string {
  return location.replace(/ /g, '').toLowerCase();
}
