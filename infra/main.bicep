// SocialFirst on Azure: `azd up` entry point (subscription scope; creates the resource group rg-<environmentName>).
// Everything else lives in local modules under ./modules so that `bicep build` validates offline.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment (AZURE_ENV_NAME); names the resource group and seeds the resource token.')
param environmentName string

@minLength(1)
@description('Primary location for all resources (AZURE_LOCATION). Flex Consumption is not offered in every region.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user or service principal (AZURE_PRINCIPAL_ID); empty skips its role assignments.')
param principalId string = ''

@description('Type of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Hosting plan: FC1 = Flex Consumption (default), EP1 = Elastic Premium.')
@allowed([
  'FC1'
  'EP1'
])
param planSku string = 'FC1'

@description('Flex: memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Flex: maximum number of instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Flex: always-ready instances for the HTTP functions (0 = scale to zero).')
@minValue(0)
@maxValue(10)
param alwaysReadyHttpInstances int = 0

@description('Deploy Azure AI Language and run the classifier in Cascade mode (embedded first, Language for uncertain texts).')
param deployLanguage bool = false

@description('Azure AI Language pricing tier.')
@allowed([
  'F0'
  'S'
])
param languageSku string = 'S'

@description('Service Bus tier (Standard or Premium; Basic has no duplicate detection).')
@allowed([
  'Standard'
  'Premium'
])
param serviceBusSku string = 'Standard'

@description('Key Vault purge protection (recommended for production; irreversible).')
param keyVaultPurgeProtection bool = false

@description('Comma-separated webhook platforms to wire: Meta, Instagram, X, WeChat, Weibo, Generic. Put their secrets into Key Vault first (docs/deploy.md).')
param webhookPlatforms string = ''

@description('Escalation__DryRun. Leave true until each platform has been tested; see docs/deploy.md.')
param escalationDryRun bool = true

@description('Comma-separated platforms whose escalations may be sent, e.g. "Meta,X" (Escalation__Platforms__<name>__Enabled).')
param escalationEnabledPlatforms string = ''

@description('Comma-separated sending accounts, "Platform:accountId" (Meta:<page id>, X:<user id>, WeChat:<gh_ id>:<AppID>, Weibo:<uid>); tokens (WeChat: the AppSecret) come from Key Vault (docs/deploy.md).')
param messagingAccounts string = ''

@description('WeChat official account AppId (public identifier).')
param weChatAppId string = ''

@description('OAuth 2.0 client id of the X app that sends DMs; its secret (if any) is the Key Vault secret x-client-secret (docs/deploy.md).')
param xClientId string = ''

@description('Days to keep raw webhook deliveries before a lifecycle rule deletes them (0 = never).')
@minValue(0)
param rawDeliveryRetentionDays int = 30

// Resource name prefixes (Azure CAF abbreviations).
var abbrs = {
  resourceGroup: 'rg-'
  managedIdentity: 'id-'
  logAnalytics: 'log-'
  applicationInsights: 'appi-'
  storageAccount: 'st'
  serviceBus: 'sb-'
  language: 'lang-'
  keyVault: 'kv-'
  functionPlan: 'plan-'
  functionApp: 'func-'
}

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var identityName = '${abbrs.managedIdentity}${resourceToken}'
var functionAppName = '${abbrs.functionApp}${resourceToken}'
// One container per app, so a shared account never mixes packages.
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}'
// "meta, x" → ['Meta', 'X']: case-insensitive; an unknown name fails the deployment at once (no such property).
var platformNames = {
  meta: 'Meta'
  instagram: 'Instagram'
  x: 'X'
  wechat: 'WeChat'
  weibo: 'Weibo'
  generic: 'Generic'
}
var wiredWebhookPlatforms = map(filter(split(webhookPlatforms, ','), p => !empty(trim(p))), p => platformNames[toLower(trim(p))])
var sendingPlatforms = map(filter(split(escalationEnabledPlatforms, ','), p => !empty(trim(p))), p => platformNames[toLower(trim(p))])

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourceGroup}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.logAnalytics}${resourceToken}'
    applicationInsightsName: '${abbrs.applicationInsights}${resourceToken}'
    location: location
    tags: tags
    appIdentityName: identityName
  }
  dependsOn: [
    identity
  ]
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageAccount}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    rawDeliveryRetentionDays: rawDeliveryRetentionDays
    appIdentityName: identityName
    userPrincipalId: principalId
    userPrincipalType: principalType
    grantUserBlobDataContributor: planSku != 'FC1'
  }
  dependsOn: [
    identity
  ]
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    name: '${abbrs.serviceBus}${resourceToken}'
    location: location
    tags: tags
    skuName: serviceBusSku
    appIdentityName: identityName
  }
  dependsOn: [
    identity
  ]
}

module language 'modules/language.bicep' = if (deployLanguage) {
  name: 'language'
  scope: rg
  params: {
    name: '${abbrs.language}${resourceToken}'
    location: location
    tags: tags
    skuName: languageSku
    appIdentityName: identityName
  }
  dependsOn: [
    identity
  ]
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVault}${resourceToken}'
    location: location
    tags: tags
    enablePurgeProtection: keyVaultPurgeProtection
    appIdentityName: identityName
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
  dependsOn: [
    identity
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.functionPlan}${resourceToken}'
    location: location
    tags: tags
    planSku: planSku
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    mentionsQueueName: storage.outputs.mentionsQueueName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    escalationsQueueName: serviceBus.outputs.escalationsQueueName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    keyVaultUri: keyVault.outputs.uri
    languageEndpoint: deployLanguage ? language!.outputs.endpoint : ''
    escalationDryRun: escalationDryRun
    webhookPlatforms: wiredWebhookPlatforms
    escalationEnabledPlatforms: sendingPlatforms
    messagingAccounts: filter(map(split(messagingAccounts, ','), a => trim(a)), a => !empty(a))
    weChatAppId: weChatAppId
    xClientId: xClientId
  }
}

// azd stores these in .azure/<env>/.env.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output FUNCTION_APP_PLAN_SKU string = functionApp.outputs.planSku
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.name
output SERVICE_BUS_FULLY_QUALIFIED_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output STORAGE_DEPLOYMENT_CONTAINER string = storage.outputs.deploymentContainerName
output KEY_VAULT_NAME string = keyVault.outputs.name
output KEY_VAULT_URI string = keyVault.outputs.uri
output LANGUAGE_ENDPOINT string = deployLanguage ? language!.outputs.endpoint : ''
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
