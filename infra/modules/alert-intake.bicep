// Alerts in: the Resource Health system topic of the deployment's subscription, subscribed to the app's Event
// Grid-triggered alert intake function. Event Grid checks that the function exists when the subscription is
// created, so this module is deployed only once the code is (see subscribeAlertIntake in main.bicep).

@description('Required. Name of the system topic.')
param name string

@description('Required. Resource ID of the function app.')
param functionAppResourceId string

@description('Required. Name of the Event Grid-triggered function that takes alerts in.')
param functionName string

@description('Optional. Tags of the system topic.')
param tags object = {}

resource healthResources 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: name
  // Subscription-wide sources live in the global region.
  location: 'global'
  tags: tags
  properties: {
    source: subscription().id
    topicType: 'Microsoft.ResourceNotifications.HealthResources'
  }
}

resource toAlertIntake 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: healthResources
  name: 'standby-alert-intake'
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionAppResourceId}/functions/${functionName}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.ResourceNotifications.HealthResources.AvailabilityStatusChanged'
        'Microsoft.ResourceNotifications.HealthResources.ResourceAnnotated'
      ]
    }
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

@description('The resource ID of the Resource Health system topic.')
output systemTopicResourceId string = healthResources.id
