// The Event Grid topic Standby publishes its CloudEvents to (Standby.Replication.*, Standby.Operation.*,
// Standby.Drill.*). Keys are disabled: publishers authenticate with Entra ID and need EventGrid Data Sender.

@description('Required. Name of the topic.')
param name string

@description('Required. Azure region of the topic.')
param location string

@description('Optional. Tags of the topic.')
param tags object = {}

resource topic 'Microsoft.EventGrid/topics@2022-06-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

@description('The name of the topic.')
output name string = topic.name

@description('The resource ID of the topic, where subscribers attach their event subscriptions.')
output resourceId string = topic.id

@description('The endpoint events are published to.')
output endpoint string = topic.properties.endpoint
