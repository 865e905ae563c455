// Log Analytics and workspace-based Application Insights. Local (instrumentation key) authentication is disabled:
// the host sends telemetry with the managed identity, which gets Monitoring Metrics Publisher on the component.

@description('Required. Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Required. Azure region of both resources.')
param location string

@description('Optional. Tags of both resources.')
param tags object = {}

@minValue(30)
@maxValue(730)
@description('Optional. Days the workspace keeps logs. Drill evidence lives in blob storage, not here.')
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

@description('The name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name

@description('The resource ID of the Application Insights component.')
output applicationInsightsResourceId string = applicationInsights.id

@description('The connection string of the Application Insights component (not a credential: local authentication is disabled).')
output connectionString string = applicationInsights.properties.ConnectionString

@description('The resource ID of the Log Analytics workspace.')
output logAnalyticsResourceId string = workspace.id
