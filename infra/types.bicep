// Parameter types shared by main.bicep and its modules.

@export()
@description('An existing resource Standby is granted rights on, named by where it lives.')
type resourceReferenceType = {
  @description('Optional. Subscription ID of the resource. Defaults to the subscription of the deployment.')
  subscriptionId: string?

  @description('Required. Resource group that holds the resource.')
  resourceGroupName: string

  @description('Required. Name of the resource.')
  name: string
}
