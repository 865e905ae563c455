// Grants roles to a principal on one existing storage account, and on nothing else: the assignment's scope is the
// resource itself, not its resource group or subscription.

@description('Required. Name of the storage account, in the resource group this module is deployed to.')
param resourceName string

@description('Required. Principal (object) ID of the identity the roles are granted to.')
param principalId string

@description('Required. IDs (GUIDs) of the built-in role definitions to grant.')
param roleDefinitionIds string[]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: resourceName
}

resource grants 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleDefinitionId in roleDefinitionIds: {
    name: guid(account.id, principalId, roleDefinitionId)
    scope: account
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    }
  }
]

@description('The resource IDs of the role assignments.')
output roleAssignmentIds string[] = [for index in range(0, length(roleDefinitionIds)): grants[index].id]
