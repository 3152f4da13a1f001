// The SocialFirst function app: an Azure Functions custom handler (self-contained linux-x64 executable `handler`).
// Default plan: Flex Consumption (FC1) with runtime `custom` 1.0, deployed by azd into a blob container with the
// user-assigned identity. Alternative: Elastic Premium (EP1), which runs the same zip from that container
// (WEBSITE_RUN_FROM_PACKAGE = blob URL + managed identity) because Azure Files would need a storage key.

@description('Function app name.')
param name string

@description('Hosting plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags for every resource (azd-env-name); the site also gets azd-service-name.')
param tags object

@description('Service name in azure.yaml; azd finds the site by this tag.')
param azdServiceName string = 'functions'

@description('FC1 = Flex Consumption (default, scale to zero); EP1 = Elastic Premium (always one warm instance).')
@allowed([
  'FC1'
  'EP1'
])
param planSku string = 'FC1'

@description('Flex: memory per instance. 2048 is the platform default; 512 quarters the GB-s cost if the handler fits.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Flex: upper bound on instances (also a cost ceiling).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Flex: always-ready instances for the HTTP group (0 = scale to zero; 1 removes cold starts on webhooks).')
@minValue(0)
@maxValue(10)
param alwaysReadyHttpInstances int = 0

@description('EP1: maximum number of elastic workers.')
@minValue(1)
@maxValue(20)
param maximumElasticWorkerCount int = 3

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Storage account name (host storage, deployment container, queues, tables, blobs).')
param storageAccountName string

@description('Blob endpoint, e.g. https://<account>.blob.core.windows.net/')
param blobEndpoint string

@description('Queue endpoint.')
param queueEndpoint string

@description('Table endpoint.')
param tableEndpoint string

@description('Blob container for the app package.')
param deploymentContainerName string

@description('Blob name of the package that EP1 runs from (upload target, see docs/deploy.md).')
param premiumPackageBlobName string = 'socialfirst-functions.zip'

@description('Storage queue between ingestion and triage.')
param mentionsQueueName string

@description('Service Bus fully qualified namespace, e.g. sb-xyz.servicebus.windows.net')
param serviceBusFullyQualifiedNamespace string

@description('Service Bus queue for escalations.')
param escalationsQueueName string

@description('Application Insights connection string (not a secret: local auth is disabled on the component).')
param applicationInsightsConnectionString string

@description('Key Vault URI with trailing slash, e.g. https://kv-xyz.vault.azure.net/')
param keyVaultUri string

@description('Azure AI Language endpoint; empty = not deployed, the app classifies with its embedded model only.')
param languageEndpoint string = ''

@description('Webhook platforms to wire. Only these get their Platforms__* Key Vault references; the others stay empty, which the app treats as "not wired" (refuses the handshake and every delivery). Add a platform after its secrets are in Key Vault: an unresolvable reference would reach the app as the literal reference text. Instagram = the separate Instagram app secret of "Instagram API with Instagram Login" apps.')
@allowed([
  'Meta'
  'Instagram'
  'X'
  'WeChat'
  'Weibo'
  'Generic'
])
param webhookPlatforms array = []

@description('Escalation__DryRun: true = escalations are logged, not sent.')
param escalationDryRun bool = true

@description('Platforms whose escalations are sent once dry run is off (Escalation__Platforms__<name>__Enabled=true).')
@allowed([
  'Meta'
  'X'
  'WeChat'
  'Weibo'
])
param escalationEnabledPlatforms array = []

@description('Accounts that send private replies, as "Platform:accountId" (Meta page id, X user id, Weibo uid) or "WeChat:<gh_ id>:<AppID>". Each gets its token (WeChat: its AppSecret) from the Key Vault secret messaging-<platform>-<accountId, _ as ->.')
param messagingAccounts array = []

@description('WeChat official account AppId (public identifier, not a secret).')
param weChatAppId string = ''

@description('OAuth 2.0 client id of the X app that sends DMs (public identifier); its secret, if any, is the Key Vault secret x-client-secret.')
param xClientId string = ''

var isFlex = planSku == 'FC1'

var planSkus = {
  FC1: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  EP1: {
    name: 'EP1'
    tier: 'ElasticPremium'
    family: 'EP'
  }
}

// Key Vault reference for a secret name. No secret value is ever in the template.
var keyVaultSecretUriPrefix = '${keyVaultUri}secrets/'

// Settings for every plan. Names are the ones the app reads (see docs/deploy.md).
var commonSettings = [
  // Host storage over the managed identity (no connection string, shared keys are off).
  {
    name: 'AzureWebJobsStorage__accountName'
    value: storageAccountName
  }
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identityClientId
  }
  {
    name: 'AzureWebJobsStorage__blobServiceUri'
    value: blobEndpoint
  }
  {
    name: 'AzureWebJobsStorage__queueServiceUri'
    value: queueEndpoint
  }
  {
    name: 'AzureWebJobsStorage__tableServiceUri'
    value: tableEndpoint
  }
  // Service Bus trigger connection (function.json "connection": "ServiceBusConnection").
  {
    name: 'ServiceBusConnection__fullyQualifiedNamespace'
    value: serviceBusFullyQualifiedNamespace
  }
  {
    name: 'ServiceBusConnection__credential'
    value: 'managedidentity'
  }
  {
    name: 'ServiceBusConnection__clientId'
    value: identityClientId
  }
  // The app's own Service Bus sender (REST through Azure.Core).
  {
    name: 'ServiceBus__FullyQualifiedNamespace'
    value: serviceBusFullyQualifiedNamespace
  }
  {
    name: 'ServiceBus__ManagedIdentityClientId'
    value: identityClientId
  }
  {
    name: 'ServiceBus__EscalationsQueue'
    value: escalationsQueueName
  }
  // Binding expressions (%MentionsQueue%, %EscalationsQueue%).
  {
    name: 'MentionsQueue'
    value: mentionsQueueName
  }
  {
    name: 'EscalationsQueue'
    value: escalationsQueueName
  }
  // Classifier: embedded only, or embedded first and Azure AI Language for what it is unsure about.
  {
    name: 'Language__Mode'
    value: empty(languageEndpoint) ? 'Embedded' : 'Cascade'
  }
  {
    name: 'Language__Endpoint'
    value: languageEndpoint
  }
  {
    name: 'Language__ManagedIdentityClientId'
    value: identityClientId
  }
  // DefaultAzureCredential picks the user-assigned identity.
  {
    name: 'AZURE_CLIENT_ID'
    value: identityClientId
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: applicationInsightsConnectionString
  }
  {
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'ClientId=${identityClientId};Authorization=AAD'
  }
  // Read API key (Key Vault reference; set the secret `api-key` right after the first `azd up`).
  {
    name: 'Api__Key'
    value: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUriPrefix}api-key)'
  }
  // Flex instances may give the handler one core; there the default tiered JIT leaves the classifier's hot loop
  // unoptimised for a long time (docs/benchmarks.md: ~3x slower). Promote hot methods at once.
  {
    name: 'DOTNET_TC_CallCountingDelayMs'
    value: '0'
  }
  // Safe by default: nothing is sent to customers until an operator turns dry run off.
  {
    name: 'Escalation__DryRun'
    value: escalationDryRun ? 'true' : 'false'
  }
]

// Platform secrets: Key Vault references only (resolved with keyVaultReferenceIdentity below), per platform.
var metaSettings = [
  {
    name: 'Platforms__Meta__AppSecret'
    value: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUriPrefix}meta-app-secret)'
  }
  {
    name: 'Platforms__Meta__VerifyToken'
    value: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUriPrefix}meta-verify-token)'
  }
]

var instagramSettings = [
  {
    name: 'Platforms__Meta__InstagramAppSecret'
    value: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUriPrefix}instagram-app-secret)'
  }
]

var xSettings = [
  {
    name: 'Platforms__X__ConsumerSecret'
    value: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUriPrefix}x-consumer-secret)'
  }
]

// Token + EncodingAESKey + AppId = safe mode (安全模式), the mode the WeChat console recommends.
var weChatSettings = [
  {
    name: 'Platforms__WeChat__Token'
    value: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUriPrefix}wechat-token)'
  }
  {
    name: 'Platforms__WeChat__EncodingAesKey'
    value: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUriPrefix}wechat-encoding-aes-key)'
  }
  {
    name: 'Platforms__WeChat__AppId'
    value: weChatAppId
  }
]

var weiboSettings = [
  {
    name: 'Platforms__Weibo__AppSecret'
    value: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUriPrefix}weibo-app-secret)'
  }
]

var genericSettings = [
  {
    name: 'Platforms__Generic__Secret'
    value: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUriPrefix}generic-secret)'
  }
]

var platformSettings = concat(
  contains(webhookPlatforms, 'Meta') ? metaSettings : [],
  contains(webhookPlatforms, 'Instagram') ? instagramSettings : [],
  contains(webhookPlatforms, 'X') ? xSettings : [],
  contains(webhookPlatforms, 'WeChat') ? weChatSettings : [],
  contains(webhookPlatforms, 'Weibo') ? weiboSettings : [],
  contains(webhookPlatforms, 'Generic') ? genericSettings : []
)

// Sending credentials, per account, as the app reads them. Meta, Weibo: a token from Key Vault
// (Messaging:<Platform>:<PageTokens|AccessTokens>:<id>). X: the account's OAuth 2.0 refresh token
// (Messaging:X:RefreshTokens:<id>); the app rotates it and keeps the pair in its PlatformTokens table. WeChat (entry
// WeChat:<gh_id>[:<AppID>], AppID defaulting to weChatAppId): the AppID and the AppSecret from Key Vault
// (Messaging:WeChat:Apps:<id>:AppId|AppSecret), so the app renews its own two-hour access tokens.
var messagingSettingPrefix = {
  meta: 'Messaging__Meta__PageTokens__'
  x: 'Messaging__X__RefreshTokens__'
  weibo: 'Messaging__Weibo__AccessTokens__'
}

var messagingTokenSettings = flatten(map(messagingAccounts, account => toLower(split(account, ':')[0]) == 'wechat'
  ? [
      {
        name: 'Messaging__WeChat__Apps__${split(account, ':')[1]}__AppId'
        value: length(split(account, ':')) > 2 ? split(account, ':')[2] : weChatAppId
      }
      {
        name: 'Messaging__WeChat__Apps__${split(account, ':')[1]}__AppSecret'
        value: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUriPrefix}messaging-wechat-${replace(split(account, ':')[1], '_', '-')})'
      }
    ]
  : [
      {
        name: '${messagingSettingPrefix[toLower(split(account, ':')[0])]}${split(account, ':')[1]}'
        value: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUriPrefix}messaging-${toLower(split(account, ':')[0])}-${replace(split(account, ':')[1], '_', '-')})'
      }
    ]))

// The X app's OAuth 2.0 client, needed to renew user tokens (a public client has no secret: the reference stays unresolved and empty).
var xClientSettings = empty(xClientId) ? [] : [
  {
    name: 'Messaging__X__ClientId'
    value: xClientId
  }
  {
    name: 'Messaging__X__ClientSecret'
    value: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUriPrefix}x-client-secret)'
  }
]

var escalationPlatformSettings = [
  for platform in escalationEnabledPlatforms: {
    name: 'Escalation__Platforms__${platform}__Enabled'
    value: 'true'
  }
]

// Only for plans other than Flex (Flex takes the runtime from functionAppConfig and rejects these settings).
var premiumOnlySettings = [
  {
    name: 'FUNCTIONS_WORKER_RUNTIME'
    value: 'custom'
  }
  {
    name: 'FUNCTIONS_EXTENSION_VERSION'
    value: '~4'
  }
  // Run from the zip in the deployment container, fetched with the managed identity (no Azure Files, no SAS).
  {
    name: 'WEBSITE_RUN_FROM_PACKAGE'
    value: '${blobEndpoint}${deploymentContainerName}/${premiumPackageBlobName}'
  }
  {
    name: 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID'
    value: identityId
  }
]

var flexFunctionAppConfig = {
  deployment: {
    storage: {
      type: 'blobContainer'
      value: '${blobEndpoint}${deploymentContainerName}'
      authentication: {
        type: 'UserAssignedIdentity'
        userAssignedIdentityResourceId: identityId
      }
    }
  }
  scaleAndConcurrency: {
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReady: alwaysReadyHttpInstances > 0
      ? [
          {
            name: 'http'
            instanceCount: alwaysReadyHttpInstances
          }
        ]
      : []
  }
  runtime: {
    name: 'custom'
    version: '1.0'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: planSkus[planSku]
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : maximumElasticWorkerCount
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: isFlex ? flexFunctionAppConfig : null
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: concat(commonSettings, platformSettings, escalationPlatformSettings, messagingTokenSettings, xClientSettings, isFlex ? [] : premiumOnlySettings)
    }
  }
}

// No FTP / SCM basic-auth publishing credentials: azd deploys with an Entra token.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output planSku string = planSku
