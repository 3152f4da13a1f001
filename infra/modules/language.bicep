// Azure AI Language (kind TextAnalytics) for the Cascade classifier mode. Optional (deployLanguage in main.bicep):
// the embedded classifier needs no external service. Key auth is off; the app identity gets Cognitive Services User
// on this account only. A custom subdomain is required for Entra ID token auth.

@description('Account name; also used as the custom subdomain (globally unique).')
@minLength(2)
@maxLength(64)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource (azd-env-name).')
param tags object

@description('F0 is free (5,000 text records a month, one per subscription); S is pay as you go.')
@allowed([
  'F0'
  'S'
])
param skuName string = 'S'

@description('Name of the app\'s user-assigned managed identity (same resource group).')
param appIdentityName string

// Cognitive Services User
var cognitiveServicesUserRoleId = 'a97b65f3-24c7-4388-baec-2e87135dc908'

// Referenced by name (a deterministic value) so role assignment names are known before deployment (what-if friendly).
resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

resource language 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'TextAnalytics'
  sku: {
    name: skuName
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
    }
  }
}

// Cognitive Services User → app identity, scoped to this Language account only.
resource appCognitiveServicesUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(language.id, appIdentity.id, cognitiveServicesUserRoleId)
  scope: language
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cognitiveServicesUserRoleId)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = language.name
output endpoint string = language.properties.endpoint
