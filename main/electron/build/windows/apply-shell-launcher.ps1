# Council Access Kiosk: applies ShellLauncher.xml (beside this script) through the MDM bridge,
# as Intune's AssignedAccess CSP would. Run as SYSTEM, for example:
#   psexec.exe -i -s powershell.exe -ExecutionPolicy Bypass -File apply-shell-launcher.ps1
# Needs Windows 10/11 Enterprise, Education or IoT Enterprise with the Shell Launcher feature:
#   Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All
# To undo: set the ShellLauncher property to $null the same way, then restart.
$ErrorActionPreference = 'Stop'
$configuration = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'ShellLauncher.xml')
$bridge = Get-CimInstance -Namespace 'root\cimv2\mdm\dmmap' -ClassName 'MDM_AssignedAccess'
$bridge.ShellLauncher = [System.Net.WebUtility]::HtmlEncode($configuration)
Set-CimInstance -CimInstance $bridge
Write-Output 'Shell Launcher configured: restart, and the Kiosk account signs in to the kiosk.'
