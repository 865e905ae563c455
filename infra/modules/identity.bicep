// The user-assigned managed identity Standby acts as: storage, ARM (Site Recovery, Traffic Manager, Automation),
// Event Grid and telemetry. User-assigned rather than system-assigned so role assignments exist before the app's
// first start and survive re-creating the app.

@description('Required. Name of the identity.')
param name string

@description('Required. Azure region of the identity.')
param location string

@description('Optional. Tags of the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('The name of the identity.')
output name string = identity.name

@description('The resource ID of the identity.')
output resourceId string = identity.id

@description('The principal (object) ID of the identity, which role assignments name.')
output principalId string = identity.properties.principalId

@description('The client ID of the identity, which the app and the Functions host authenticate with.')
output clientId string = identity.properties.clientId
