// Service Bus namespace with the `escalations` queue (triage → escalation). Local (SAS) auth is off: the app and the
// Functions trigger use the managed identity. Standard is the smallest tier with duplicate detection, which the
// escalation path relies on (a re-run triage must not send a second private reply), so Basic is not offered.

@description('Service Bus namespace name.')
@minLength(6)
@maxLength(50)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource (azd-env-name).')
param tags object

@description('Namespace tier. Basic has no duplicate detection, so it is not allowed.')
@allowed([
  'Standard'
  'Premium'
])
param skuName string = 'Standard'

@description('Queue read by the escalation function (app settings EscalationsQueue / ServiceBus__EscalationsQueue).')
param escalationsQueueName string = 'escalations'

@description('Name of the app\'s user-assigned managed identity (same resource group).')
param appIdentityName string

// Azure Service Bus Data Sender (triage sends escalations; the dead-letter drain re-submits).
var serviceBusDataSenderRoleId = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
// Azure Service Bus Data Receiver (the escalation trigger; the drain timer reads the dead-letter subqueue).
var serviceBusDataReceiverRoleId = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'

// Referenced by name (a deterministic value) so role assignment names are known before deployment (what-if friendly).
resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource escalationsQueue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: escalationsQueueName
  properties: {
    // PT1M: an escalation is one private-reply call to a platform API with a few seconds of timeout and retries;
    // a minute is ample, the trigger renews the lock automatically for slower runs, and a crashed instance's
    // message becomes visible again after one minute instead of the five-minute maximum.
    lockDuration: 'PT1M'
    // 10 (the Service Bus default): transient faults (a cold instance's first token request, a platform 5xx) get
    // several tries. Redeliveries come back at once, without back-off, so slower retries are the dead-letter drain
    // timer's job: after 10 deliveries the message moves to the dead-letter subqueue, never silently lost.
    maxDeliveryCount: 10
    // Duplicate detection on MessageId (the app sets it from the case id + escalation kind). PT1H covers the window in
    // which the same escalation can be produced twice: a triage re-run after a crash (storage-queue redelivery after
    // the visibility timeout, up to 5 dequeues) and a poison re-drive by the hourly drain timer. Older duplicates are
    // caught by the case store (a case already escalated is not escalated again). A longer window costs memory on the
    // broker for little gain. The property must be set when the queue is created.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
    // An urgent escalation older than a day needs a human, not an automated reply: expire it into the dead-letter
    // subqueue (deadLetteringOnMessageExpiration) where the drain timer and the dashboard see it.
    defaultMessageTimeToLive: 'P1D'
    deadLetteringOnMessageExpiration: true
    // No sessions: the Functions output binding cannot set SessionId, and ordering per case is not required.
    requiresSession: false
    enableBatchedOperations: true
  }
}

// Azure Service Bus Data Sender → app identity, scoped to the escalations queue only.
resource appDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(escalationsQueue.id, appIdentity.id, serviceBusDataSenderRoleId)
  scope: escalationsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSenderRoleId)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Azure Service Bus Data Receiver → app identity, scoped to the escalations queue only (covers its dead-letter subqueue).
// Data Owner would let the scale controller read exact queue lengths; without it, scaling falls back to peeking,
// which is accurate enough for the low escalation volume and keeps the identity from managing entities.
resource appDataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(escalationsQueue.id, appIdentity.id, serviceBusDataReceiverRoleId)
  scope: escalationsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataReceiverRoleId)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = namespace.name
// e.g. sb-abc.servicebus.windows.net, derived from the endpoint so that no cloud-specific host name is hard-coded.
output fullyQualifiedNamespace string = replace(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':443/', '')
output escalationsQueueName string = escalationsQueue.name
