import { z } from 'zod';
import * as rules from '../facts/naming-rules';
import { DEFAULT_TFC_HOSTNAME } from '../facts/resource-names';
import { closedObject, ruled, WHEN_VALID } from './schema-builders';

/** The `backend` section: where Terraform keeps the state. */
export const backendSchema = z
  .discriminatedUnion(
    'type',
    [
      closedObject({
        type: z.literal('local').meta({ description: 'State in a local file.' }),
        path: ruled(
          rules.relativeStatePath,
          'State file, relative to the project root. Default terraform.<environment>.tfstate.',
        ).optional(),
      }),
      closedObject({
        type: z.literal('azurerm').meta({ description: 'State in an Azure storage blob.' }),
        storageAccountName: ruled(rules.storageAccountName, 'Storage account holding the state (Entra ID auth, no access keys).'),
        containerName: ruled(rules.storageContainerName, 'Blob container.'),
        key: ruled(rules.blobName, 'Blob name. Default openmetadata/<environment>.tfstate.').optional(),
        resourceGroupName: ruled(rules.resourceGroupName, 'Resource group of the storage account.'),
        subscriptionId: ruled(rules.guid, "Subscription of the storage account. Default the environment's.", rules.GUID_PATTERN).optional(),
      }),
      closedObject({
        type: z.literal('cloud').meta({ description: 'State and runs in Terraform Cloud or Enterprise.' }),
        organization: ruled(rules.tfcOrganization, 'Terraform Cloud / Enterprise organization.'),
        workspace: ruled(rules.tfcWorkspace, 'Workspace name (one per environment).').optional(),
        workspaceTags: z
          .array(ruled(rules.tfcTag, 'Workspace tag.'), { error: () => 'expected a list of workspace tags' })
          .min(1, { error: () => 'expected at least one tag' })
          .optional()
          .meta({ description: 'Select the workspace by tags instead of by name.' }),
        project: ruled(rules.tfcProject, 'Terraform Cloud project of the workspace.').optional(),
        hostname: ruled(rules.hostname, `Terraform Enterprise hostname. Default ${DEFAULT_TFC_HOSTNAME}.`)
          .optional()
          .meta({ default: DEFAULT_TFC_HOSTNAME }),
      }).superRefine((b, ctx) => {
        if ((b.workspace === undefined) === (b.workspaceTags === undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: [b.workspace === undefined ? 'workspace' : 'workspaceTags'],
            message: 'expected exactly one of workspace (a name) and workspaceTags',
          });
        }
      }, WHEN_VALID),
    ],
    { error: (issue) => (issue.code === 'invalid_union' ? 'expected the backend type "local", "azurerm" or "cloud"' : undefined) },
  )
  .meta({ description: 'Where Terraform keeps the state of this environment. Default local.' });
