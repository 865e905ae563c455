// Standby on Azure: a Flex Consumption Function App running as a user-assigned identity, its own storage account
// (Entra ID only), Application Insights, the Event Grid topic for alerts out, the Resource Health subscription for
// alerts in, and role assignments on exactly the vaults, profiles and accounts named in the parameters.
// Deployed by `azd up` (azure.yaml at the repository root); docs/deploy.md walks through it.
targetScope = 'subscription'

import { resourceReferenceType } from 'types.bicep'

@minLength(1)
@maxLength(64)
@description('Required. Name of the azd environment. Resource names and the azd-env-name tag derive from it.')
param environmentName string

@minLength(1)
@description('Required. Azure region of Standby itself. Choose the recovery region (or a third one), not the primary region it protects.')
param location string

@minLength(1)
@description('Required. Recovery Services vaults holding the plans\' protected items. The identity gets Site Recovery Operator, Reader and the one-action failover-cancel custom role on each vault, and nothing else in its resource group.')
param recoveryVaults resourceReferenceType[]

@description('Optional. Traffic Manager profiles the plans switch. The identity gets Traffic Manager Contributor on each profile.')
param trafficManagerProfiles resourceReferenceType[] = []

@description('Optional. Azure Automation accounts whose runbooks plans start as actions. The identity gets Automation Job Operator on each account.')
param automationAccounts resourceReferenceType[] = []

@description('Optional. Hosts (names or IP addresses) plan webhooks and probes may call; "*.example.com" allows subdomains. Empty: no webhook or probe may run.')
param allowedHosts string[] = []

@minLength(3)
@maxLength(45)
@description('Optional. Durable Functions task hub name: letters and digits, starting with a letter.')
param taskHubName string = 'StandbyHub'

@description('Optional. NCRONTAB schedule (six fields, UTC) of the replication health sweep.')
param healthSweepSchedule string = '0 */1 * * * *'

@description('Optional. NCRONTAB schedule (six fields, UTC) of the drill scheduler.')
param drillSchedulerSchedule string = '0 */1 * * * *'

@description('Optional. Subscribe the alert intake function to this subscription\'s Resource Health events. Event Grid checks that the function exists, so this is false until the code is deployed; azure.yaml\'s postdeploy hook turns it on and provisions again.')
param subscribeAlertIntake bool = false

@description('Optional. Name of the app\'s Event Grid-triggered function that takes alerts in.')
param alertIntakeFunctionName string = 'alertIntake'

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
@description('Optional. Redundancy of the app\'s storage account (task hub, plans, reports).')
param storageSkuName string = 'Standard_LRS'

@allowed([
  '20'
  '22'
])
@description('Optional. Node.js version of the Function App. 22 by default: Node.js 20 reached its end of life in April 2026, and the app (engines: node >= 20) runs unchanged on 22.')
param nodeVersion string = '22'

@minValue(0)
@maxValue(10)
@description('Optional. Always-ready instances of the durable trigger group, so timers and resumed orchestrations do not wait on a cold start.')
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

@description('Optional. Tags applied to every resource, in addition to azd-env-name.')
param tags object = {}

var abbreviations = loadJsonContent('abbreviations.json')
// The role GUIDs live in one data file that the infra tests also read, with each role's documented permissions.
var roles = loadJsonContent('role-definitions.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var allTags = union(tags, { 'azd-env-name': environmentName })
var deploymentContainerName = 'app-package-${resourceToken}'
var vaultSubscriptionScopes = map(recoveryVaults, vault => '/subscriptions/${vault.?subscriptionId ?? subscription().subscriptionId}')

resource appResourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbreviations.resourcesResourceGroups}${environmentName}'
  location: location
  tags: allTags
}

module identity 'modules/identity.bicep' = {
  name: 'standby-identity'
  scope: appResourceGroup
  params: {
    name: '${abbreviations.managedIdentityUserAssignedIdentities}standby-${resourceToken}'
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'standby-monitoring'
  scope: appResourceGroup
  params: {
    logAnalyticsName: '${abbreviations.operationalInsightsWorkspaces}standby-${resourceToken}'
    applicationInsightsName: '${abbreviations.insightsComponents}standby-${resourceToken}'
    location: location
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'standby-storage'
  scope: appResourceGroup
  params: {
    name: '${abbreviations.storageStorageAccounts}standby${resourceToken}'
    location: location
    deploymentContainerName: deploymentContainerName
    skuName: storageSkuName
    tags: allTags
  }
}

module alertsTopic 'modules/alerts-topic.bicep' = {
  name: 'standby-alerts-topic'
  scope: appResourceGroup
  params: {
    name: '${abbreviations.eventGridTopics}standby-${resourceToken}'
    location: location
    tags: allTags
  }
}

// Data roles on the app's own account: blobs (task hub leases, plans, reports, the deployment package), queues
// (task hub) and tables (task hub history, app state). Owner rather than Contributor on blobs because the Functions
// host manages its deployment container's leases as the identity.
module storageAccess 'modules/role-assignments/storage-account.bicep' = {
  name: 'standby-storage-access'
  scope: appResourceGroup
  params: {
    resourceName: storage.outputs.name
    principalId: identity.outputs.principalId
    roleDefinitionIds: [
      roles.storageBlobDataOwner.id
      roles.storageQueueDataContributor.id
      roles.storageTableDataContributor.id
    ]
  }
}

module alertsTopicAccess 'modules/role-assignments/event-grid-topic.bicep' = {
  name: 'standby-alerts-topic-access'
  scope: appResourceGroup
  params: {
    resourceName: alertsTopic.outputs.name
    principalId: identity.outputs.principalId
    roleDefinitionIds: [
      roles.eventGridDataSender.id
    ]
  }
}

module telemetryAccess 'modules/role-assignments/application-insights.bicep' = {
  name: 'standby-telemetry-access'
  scope: appResourceGroup
  params: {
    resourceName: monitoring.outputs.applicationInsightsName
    principalId: identity.outputs.principalId
    roleDefinitionIds: [
      roles.monitoringMetricsPublisher.id
    ]
  }
}

// Canceling an uncommitted failover (replicationProtectedItems/failoverCancel/action) is in no built-in role short of
// Site Recovery Contributor, which could also disable replication. This custom role holds that one operation; it is
// assignable in the vaults' subscriptions and assigned only on the vaults.
resource siteRecoveryFailoverCancelRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'standby-failover-cancel', resourceToken)
  properties: {
    roleName: '${roles.siteRecoveryFailoverCancel.roleName} (${environmentName}, ${resourceToken})'
    description: 'Cancel an uncommitted Site Recovery failover of a protected item. Granted to Standby on the vaults it protects.'
    type: 'CustomRole'
    permissions: [
      {
        actions: roles.siteRecoveryFailoverCancel.actions
        notActions: []
      }
    ]
    assignableScopes: union([subscription().id], vaultSubscriptionScopes)
  }
}

// Site Recovery Operator starts failovers, test failovers, commits and reprotects and reads jobs; it does not
// include the vault-wide list of protected items the health sweep pages through
// (vaults/replicationProtectedItems/read), which Reader on the vault adds without any write right.
module vaultAccess 'modules/role-assignments/recovery-vault.bicep' = [
  for vault in recoveryVaults: {
    name: 'standby-vault-${uniqueString(vault.?subscriptionId ?? subscription().subscriptionId, vault.resourceGroupName, vault.name)}'
    scope: resourceGroup(vault.?subscriptionId ?? subscription().subscriptionId, vault.resourceGroupName)
    params: {
      resourceName: vault.name
      principalId: identity.outputs.principalId
      roleDefinitionIds: [
        roles.siteRecoveryOperator.id
        roles.reader.id
        siteRecoveryFailoverCancelRole.name
      ]
    }
  }
]

module profileAccess 'modules/role-assignments/traffic-manager-profile.bicep' = [
  for profile in trafficManagerProfiles: {
    name: 'standby-profile-${uniqueString(profile.?subscriptionId ?? subscription().subscriptionId, profile.resourceGroupName, profile.name)}'
    scope: resourceGroup(profile.?subscriptionId ?? subscription().subscriptionId, profile.resourceGroupName)
    params: {
      resourceName: profile.name
      principalId: identity.outputs.principalId
      roleDefinitionIds: [
        roles.trafficManagerContributor.id
      ]
    }
  }
]

module automationAccess 'modules/role-assignments/automation-account.bicep' = [
  for account in automationAccounts: {
    name: 'standby-automation-${uniqueString(account.?subscriptionId ?? subscription().subscriptionId, account.resourceGroupName, account.name)}'
    scope: resourceGroup(account.?subscriptionId ?? subscription().subscriptionId, account.resourceGroupName)
    params: {
      resourceName: account.name
      principalId: identity.outputs.principalId
      roleDefinitionIds: [
        roles.automationJobOperator.id
      ]
    }
  }
]

module functionApp 'modules/function-app.bicep' = {
  name: 'standby-function-app'
  scope: appResourceGroup
  params: {
    name: '${abbreviations.webSitesFunctions}standby-${resourceToken}'
    planName: '${abbreviations.webServerFarms}standby-${resourceToken}'
    location: location
    tags: union(allTags, { 'azd-service-name': 'standby' })
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    taskHubName: taskHubName
    armEndpoint: environment().resourceManager
    alertsTopicEndpoint: alertsTopic.outputs.endpoint
    healthSweepSchedule: healthSweepSchedule
    drillSchedulerSchedule: drillSchedulerSchedule
    allowedHosts: join(allowedHosts, ',')
    nodeVersion: nodeVersion
    durableAlwaysReadyInstances: durableAlwaysReadyInstances
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  // The host reaches storage and telemetry as the identity from its first start.
  dependsOn: [
    storageAccess
    telemetryAccess
  ]
}

module alertIntake 'modules/alert-intake.bicep' = if (subscribeAlertIntake) {
  name: 'standby-alert-intake'
  scope: appResourceGroup
  params: {
    name: '${abbreviations.eventGridSystemTopics}standby-health-${resourceToken}'
    functionAppResourceId: functionApp.outputs.resourceId
    functionName: alertIntakeFunctionName
    tags: allTags
  }
}

@description('The resource group Standby is deployed in.')
output AZURE_RESOURCE_GROUP string = appResourceGroup.name

@description('The region Standby is deployed in.')
output AZURE_LOCATION string = location

@description('The name of the function app (azd deploys the code to it).')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('The base URL of the Standby API, as the CLI and SDK expect it (STANDBY_ENDPOINT).')
output STANDBY_ENDPOINT string = 'https://${functionApp.outputs.defaultHostName}'

@description('The client ID of Standby\'s managed identity.')
output STANDBY_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('The principal (object) ID of Standby\'s managed identity, for granting it rights on resources added later.')
output STANDBY_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId

@description('The resource ID of the alerts topic, where consumers of Standby\'s events attach subscriptions.')
output STANDBY_ALERTS_TOPIC_ID string = alertsTopic.outputs.resourceId

@description('The name of the Application Insights component with the app\'s logs and traces.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
