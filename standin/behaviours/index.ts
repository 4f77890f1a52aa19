/** Each provider's behaviour, by the names lib/facts/provider-versions.ts gives them. */
import type { ProviderName } from '../../lib/facts/provider-versions';
import type { ProviderBehaviour } from '../provider';
import { AZUREAD } from './azuread';
import { AZURERM } from './azurerm';
import { KUBERNETES } from './kubernetes';
import { TIME } from './time';

export const BEHAVIOURS: Record<ProviderName, ProviderBehaviour> = {
  azurerm: AZURERM,
  azuread: AZUREAD,
  kubernetes: KUBERNETES,
  time: TIME,
};
