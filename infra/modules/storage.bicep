// The one storage account: Functions host storage (AzureWebJobsStorage), the Flex deployment container, the
// `mentions` queue between ingestion and triage, the archive of raw webhook deliveries and the case tables.
// Shared keys are off: every client (host, app, deployment) authenticates with Entra ID.

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource (azd-env-name).')
param tags object

@description('Replication. LRS is enough: webhooks are re-sent by the platforms and cases can be rebuilt from raw deliveries.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param skuName string = 'Standard_LRS'

@description('Blob container that Flex Consumption deploys the app package into (and EP1 runs the package from).')
param deploymentContainerName string

@description('Blob container for raw webhook deliveries (StorageOptions.RawDeliveriesContainer).')
param rawDeliveriesContainerName string = 'raw-deliveries'

@description('Storage queue between the webhook functions and triage (app setting MentionsQueue).')
param mentionsQueueName string = 'mentions'

@description('Days after which raw deliveries are deleted by a lifecycle rule (a backstop for the app\'s retention timer); 0 turns the rule off.')
@minValue(0)
param rawDeliveryRetentionDays int = 30

@description('Name of the app\'s user-assigned managed identity (same resource group).')
param appIdentityName string

@description('Object id of the deploying user/principal; empty skips its role assignment.')
param userPrincipalId string = ''

@description('Type of userPrincipalId.')
@allowed([
  'User'
  'ServicePrincipal'
])
param userPrincipalType string = 'User'

@description('Give the deploying principal Storage Blob Data Contributor on the account (needed to upload the package when the plan is EP1).')
param grantUserBlobDataContributor bool = false

// Storage Blob Data Owner: the Functions docs name it as the minimum for an identity-based AzureWebJobsStorage
// connection (host keys/secrets container, timer and singleton blob leases) and the Flex deployment container.
// Blob Data Contributor covers the data operations too, but the host's documented requirement is Owner; we follow
// the documented minimum rather than rely on an undocumented subset.
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
// Storage Queue Data Contributor: mentions queue (producer + trigger) and the host-created `mentions-poison` queue.
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
// Storage Table Data Contributor: case store tables (created by the app) and the host's diagnostic events table.
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
// Storage Blob Data Contributor (deploying user, only for the EP1 package upload).
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

// Referenced by name (a deterministic value) so role assignment names are known before deployment (what-if friendly).
resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource rawDeliveriesContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: rawDeliveriesContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource mentionsQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: mentionsQueueName
}

// Created up front (the host would create it on the first poison message) so the dead-letter drain timer can
// peek it from day one without handling 404.
resource mentionsPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: '${mentionsQueueName}-poison'
}

// Tables are created by the app (CreateIfNotExists; the name prefix is configurable), so only the service is declared.
resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// Lifecycle rule limited to the raw-deliveries container (never the host's azure-webjobs-* containers).
resource rawDeliveryLifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = if (rawDeliveryRetentionDays > 0) {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-raw-deliveries'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${rawDeliveriesContainer.name}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: rawDeliveryRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

// Storage Blob Data Owner → app identity, scoped to this storage account.
resource appBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appIdentity.id, storageBlobDataOwnerRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Queue Data Contributor → app identity, scoped to this storage account (not to the `mentions` queue alone:
// the host creates and writes `mentions-poison` and polls with account-level calls).
resource appQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appIdentity.id, storageQueueDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributorRoleId)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Table Data Contributor → app identity, scoped to this storage account (tables are created at run time).
resource appTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appIdentity.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Blob Data Contributor → deploying principal, scoped to this storage account; only with EP1 (package upload).
resource userBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantUserBlobDataContributor && !empty(userPrincipalId)) {
  name: guid(storage.id, userPrincipalId, storageBlobDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
output deploymentContainerName string = deploymentContainer.name
output rawDeliveriesContainerName string = rawDeliveriesContainer.name
output mentionsQueueName string = mentionsQueue.name
output mentionsPoisonQueueName string = mentionsPoisonQueue.name
