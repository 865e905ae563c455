// The app's own storage account: durable task hub (queues, tables, blobs), plans, operation timelines, drill
// reports, and the deployment package container Flex Consumption runs from. Shared keys are refused, so every
// client (host, app, deployment) authenticates with Entra ID.

@minLength(3)
@maxLength(24)
@description('Required. Name of the storage account.')
param name string

@description('Required. Azure region of the storage account.')
param location string

@description('Required. Name of the blob container that holds the deployment package.')
param deploymentContainerName string

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
@description('Optional. Redundancy of the account. Zone-redundant keeps the task hub through a zone failure where the region offers it.')
param skuName string = 'Standard_LRS'

@description('Optional. Tags of the storage account.')
param tags object = {}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
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
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
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
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

@description('The name of the storage account.')
output name string = account.name

@description('The resource ID of the storage account.')
output resourceId string = account.id

@description('The blob endpoint, with a trailing slash.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('The queue endpoint, with a trailing slash.')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('The table endpoint, with a trailing slash.')
output tableEndpoint string = account.properties.primaryEndpoints.table

@description('The URL of the deployment package container.')
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
