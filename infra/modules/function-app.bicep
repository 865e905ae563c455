// The Standby Function App on the Flex Consumption plan (Linux, Node.js), running as the user-assigned identity.
// Every app setting below is declared in functions/azure/config-settings.ts; a test keeps the two in step.

@description('Required. Name of the function app.')
param name string

@description('Required. Name of the Flex Consumption plan.')
param planName string

@description('Required. Azure region of the plan and the app.')
param location string

@description('Optional. Tags of the plan and the app; the app must carry azd-service-name for azd deploy.')
param tags object = {}

@description('Required. Resource ID of the user-assigned identity the app runs as.')
param identityResourceId string

@description('Required. Client ID of the user-assigned identity.')
param identityClientId string

@description('Required. URL of the blob container the deployment package is uploaded to.')
param deploymentContainerUrl string

@description('Required. Blob endpoint of the app\'s storage account.')
param storageBlobEndpoint string

@description('Required. Queue endpoint of the app\'s storage account.')
param storageQueueEndpoint string

@description('Required. Table endpoint of the app\'s storage account.')
param storageTableEndpoint string

@description('Required. Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Required. Durable Functions task hub name.')
param taskHubName string

@description('Required. Azure Resource Manager endpoint of the cloud the app runs in.')
param armEndpoint string

@description('Required. Endpoint of the Event Grid topic for alerts out.')
param alertsTopicEndpoint string

@description('Required. NCRONTAB schedule of the replication health sweep.')
param healthSweepSchedule string

@description('Required. NCRONTAB schedule of the drill scheduler.')
param drillSchedulerSchedule string

@description('Required. Comma-separated host names webhooks and probes may call (may be empty).')
param allowedHosts string

@allowed([
  '20'
  '22'
])
@description('Optional. Node.js version the app runs on.')
param nodeVersion string = '22'

@minValue(0)
@description('Optional. Always-ready instances for the durable trigger group.')
param durableAlwaysReadyInstances int = 1

@minValue(1)
@maxValue(1000)
@description('Optional. Maximum instances the app scales out to.')
param maximumInstanceCount int = 100

@allowed([
  512
  2048
  4096
])
@description('Optional. Memory per instance in MB.')
param instanceMemoryMB int = 2048

// The durable group (orchestrators, activities, entities) keeps warm instances so durable timers and resumed
// orchestrations during a failover do not wait on a cold start.
var durableAlwaysReady = [
  {
    name: 'durable'
    instanceCount: durableAlwaysReadyInstances
  }
]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: durableAlwaysReadyInstances > 0 ? durableAlwaysReady : []
      }
      runtime: {
        name: 'node'
        version: nodeVersion
      }
    }
  }
}

// Publishing with user names and passwords is refused; azd deploys with Entra ID.
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

// Flex Consumption takes the runtime from functionAppConfig and does not support FUNCTIONS_WORKER_RUNTIME or
// FUNCTIONS_EXTENSION_VERSION as app settings. Storage, the task hub and telemetry all authenticate with the identity.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
    AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
    AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AZURE_CLIENT_ID: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
    STANDBY_TASK_HUB: taskHubName
    STANDBY_ARM_ENDPOINT: armEndpoint
    STANDBY_EVENTGRID_ENDPOINT: alertsTopicEndpoint
    STANDBY_HEALTH_SWEEP_SCHEDULE: healthSweepSchedule
    STANDBY_DRILL_SCHEDULER_SCHEDULE: drillSchedulerSchedule
    STANDBY_ALLOWED_HOSTS: allowedHosts
  }
}

@description('The name of the function app.')
output name string = site.name

@description('The resource ID of the function app.')
output resourceId string = site.id

@description('The default host name of the function app.')
output defaultHostName string = site.properties.defaultHostName
