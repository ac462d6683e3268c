<#
.SYNOPSIS
    Build the Windows installer of the Zwgk Workbench in one go:
    clean -> pip install -> pytest -> pyinstaller -> smoke-test the frozen exe -> Inno Setup -> artifact.

.DESCRIPTION
    Run from any folder in Windows PowerShell 5.1 or PowerShell 7 on Windows 10/11 x64 with Python 3.11:
        powershell -ExecutionPolicy Bypass -File installer\build.ps1
    Output: dist\installer\ZwgkWorkbench-Setup-<version>.exe and its .sha256 file.
    This file is ASCII on purpose: Windows PowerShell 5.1 reads BOM-less scripts in the ANSI code page.
#>
[CmdletBinding()]
param(
    [string]$Python = "python",
    [switch]$SkipTests,      # only for a quick local re-run; CI always runs the tests
    [switch]$Offscreen,      # smoke-test without a desktop session (Qt offscreen platform)
    [string]$Iscc = ""       # path to ISCC.exe when Inno Setup is installed somewhere unusual
)

Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"

$Root = Split-Path -Parent $PSScriptRoot
$Dist = Join-Path $Root "dist"
$Work = Join-Path $Root "build"
$Bundle = Join-Path $Dist "zwgk"
$Exe = Join-Path $Bundle "zwgk.exe"
$InstallerOut = Join-Path $Dist "installer"
$MaxFolderMB = 250       # issue 13: the frozen folder stays under 250 MB
$MaxInstallerMB = 120    # ... and the installer under 120 MB
# Inno Setup keeps the Simplified Chinese messages among its unofficial translations in older releases.
$ChineseIslUrls = @(
    "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/ChineseSimplified.isl",
    "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/Unofficial/ChineseSimplified.isl"
)

Set-Location $Root
$env:PYTHONUTF8 = "1"
$env:PYTHONHASHSEED = "0"   # PyInstaller: a fixed hash seed makes the bundle reproducible

function Write-Step([string]$Text) { Write-Host "`n==> $Text" -ForegroundColor Cyan }

function Invoke-Native([string]$What, [scriptblock]$Command) {
    $global:LASTEXITCODE = 0
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)" }
}

function Get-FolderMB([string]$Path) {
    $bytes = (Get-ChildItem -LiteralPath $Path -Recurse -File | Measure-Object -Property Length -Sum).Sum
    return [math]::Round($bytes / 1MB, 1)
}

# Runs the windowed exe, waits for it and returns its exit code and output. A GUI-subsystem exe is not
# waited for by `&`, hence Start-Process -Wait; its output reaches redirected files only.
function Invoke-Frozen([string[]]$Arguments) {
    $out = [System.IO.Path]::GetTempFileName()
    $err = [System.IO.Path]::GetTempFileName()
    $quoted = $Arguments | ForEach-Object { if ($_ -match '\s') { '"' + $_ + '"' } else { $_ } }
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $process = Start-Process -FilePath $Exe -ArgumentList $quoted -Wait -PassThru -NoNewWindow `
        -RedirectStandardOutput $out -RedirectStandardError $err
    $watch.Stop()
    $result = [pscustomobject]@{
        ExitCode = $process.ExitCode
        Output   = [System.IO.File]::ReadAllText($out, [System.Text.Encoding]::UTF8)
        Errors   = [System.IO.File]::ReadAllText($err, [System.Text.Encoding]::UTF8)
        Seconds  = [math]::Round($watch.Elapsed.TotalSeconds, 1)
    }
    Remove-Item -LiteralPath $out, $err -Force
    return $result
}

function Find-Iscc {
    if ($Iscc) { return $Iscc }
    $onPath = Get-Command "ISCC.exe" -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    $candidates = @(
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
    )
    foreach ($candidate in $candidates) { if (Test-Path -LiteralPath $candidate) { return $candidate } }
    if ($env:CI) {
        Invoke-Native "choco install innosetup" { choco install innosetup -y --no-progress }
        foreach ($candidate in $candidates) { if (Test-Path -LiteralPath $candidate) { return $candidate } }
    }
    throw "Inno Setup 6 (ISCC.exe) not found: install it from jrsoftware.org or pass -Iscc <path>"
}

function Find-ChineseIsl([string]$IsccPath) {
    $languages = Join-Path (Split-Path -Parent $IsccPath) "Languages"
    foreach ($candidate in @((Join-Path $languages "ChineseSimplified.isl"),
                             (Join-Path $languages "Unofficial\ChineseSimplified.isl"))) {
        if (Test-Path -LiteralPath $candidate) { return $candidate }
    }
    $target = Join-Path $Work "ChineseSimplified.isl"
    foreach ($url in $ChineseIslUrls) {
        try {
            Invoke-WebRequest -Uri $url -OutFile $target -UseBasicParsing
            return $target
        } catch {
            Write-Host "  not at $url"
        }
    }
    throw "ChineseSimplified.isl not found in $languages and could not be downloaded"
}

# 1. clean -------------------------------------------------------------------------------------------
Write-Step "clean"
foreach ($folder in @($Dist, $Work)) {
    if (Test-Path -LiteralPath $folder) { Remove-Item -LiteralPath $folder -Recurse -Force }
}
New-Item -ItemType Directory -Path $Work | Out-Null

# 2. install (the test extra includes PyInstaller) ------------------------------------------------------
Write-Step "pip install"
Invoke-Native "pip upgrade" { & $Python -m pip install --upgrade pip }
Invoke-Native "pip install" { & $Python -m pip install -e ".[test]" }
$Version = (& $Python -c "import app; print(app.__version__)").Trim()
$Numbers = @([regex]::Matches($Version, '\d+') | Select-Object -First 4 | ForEach-Object { $_.Value })
while ($Numbers.Count -lt 4) { $Numbers += "0" }
$VersionNumeric = $Numbers -join "."
Write-Host "version $Version ($VersionNumeric)"

# 3. tests (the Linux freeze test is skipped: the real frozen exe is smoke-tested below) ------------------
if ($SkipTests) {
    Write-Step "tests SKIPPED (-SkipTests)"
} else {
    Write-Step "pytest"
    $env:QT_QPA_PLATFORM = "offscreen"
    Invoke-Native "pytest" { & $Python -m pytest -q -p no:cacheprovider --ignore=tests/test_frozen_build.py }
    Remove-Item Env:\QT_QPA_PLATFORM
}

# 4. freeze -----------------------------------------------------------------------------------------------
Write-Step "pyinstaller"
$watch = [System.Diagnostics.Stopwatch]::StartNew()
Invoke-Native "pyinstaller" {
    & $Python -m PyInstaller --noconfirm --clean --distpath $Dist --workpath $Work installer\zwgk.spec
}
Write-Host ("froze in {0:N0} s" -f $watch.Elapsed.TotalSeconds)
$FolderMB = Get-FolderMB $Bundle
Write-Host "frozen folder: $FolderMB MB"
if ($FolderMB -ge $MaxFolderMB) { throw "frozen folder is $FolderMB MB, over the $MaxFolderMB MB limit" }
if (-not (Get-ChildItem -LiteralPath $Bundle -Recurse -Filter "qwindows.dll")) {
    throw "Qt's Windows platform plugin (qwindows.dll) is missing from the bundle"
}

# 5. smoke-test the frozen exe on a fresh data folder whose path contains Chinese (like C:\Users\<name>) -----
Write-Step "smoke test of the frozen exe"
if ($Offscreen) { $env:QT_QPA_PLATFORM = "offscreen" }
$Chinese = -join [char[]](0x6D4B, 0x8BD5, 0x6570, 0x636E)   # a folder name in Chinese characters
$Data = Join-Path $Work "smoke $Chinese"
$Shots = Join-Path $Work "smoke-screenshots"

$demo = Invoke-Frozen @("--data-dir", $Data, "demo")
Write-Host "demo: exit $($demo.ExitCode) in $($demo.Seconds) s"
if ($demo.ExitCode -ne 0) { throw "frozen 'demo' failed: $($demo.Errors)" }

$check = Invoke-Frozen @("--data-dir", $Data, "check")
Write-Host "check: exit $($check.ExitCode) in $($check.Seconds) s"
if ($check.ExitCode -ne 0) { throw "frozen 'check' found problems: $($check.Output) $($check.Errors)" }

$smoke = Invoke-Frozen @("--data-dir", $Data, "--smoke-test", "--screenshots", $Shots)
Write-Host "smoke test: exit $($smoke.ExitCode) in $($smoke.Seconds) s"
if ($smoke.ExitCode -ne 0) { throw "frozen --smoke-test failed: $($smoke.Errors)" }
# The resources line is printed and logged (a windowed exe may have no usable stdout).
$logLines = Get-Content -LiteralPath (Join-Path $Data "logs\zwgk.log") -Encoding UTF8
$report = ($smoke.Output -split "`r?`n") + $logLines |
    Where-Object { $_ -match "resources: frozen=" } | Select-Object -Last 1
if (-not $report) { throw "the smoke test did not report which resources it found" }
Write-Host $report
if ($report -notmatch "frozen=yes" -or $report -notmatch "problems=0") {
    throw "the frozen app is missing resources: $report"
}
if ($Offscreen) { Remove-Item Env:\QT_QPA_PLATFORM }

# 6. installer --------------------------------------------------------------------------------------------
Write-Step "Inno Setup"
$IsccPath = Find-Iscc
$ChineseIsl = Find-ChineseIsl $IsccPath
Invoke-Native "ISCC" {
    & $IsccPath /Qp "/DAppVersion=$Version" "/DAppVersionNumeric=$VersionNumeric" "/DChineseIsl=$ChineseIsl" `
        "/DDistDir=$Bundle" "/DOutputDir=$InstallerOut" installer\zwgk.iss
}
$Setup = Join-Path $InstallerOut "ZwgkWorkbench-Setup-$Version.exe"
$SetupMB = [math]::Round((Get-Item -LiteralPath $Setup).Length / 1MB, 1)
if ($SetupMB -ge $MaxInstallerMB) { throw "installer is $SetupMB MB, over the $MaxInstallerMB MB limit" }
$Hash = (Get-FileHash -LiteralPath $Setup -Algorithm SHA256).Hash.ToLowerInvariant()
Set-Content -LiteralPath "$Setup.sha256" -Value "$Hash  $(Split-Path -Leaf $Setup)" -Encoding ASCII

# 7. artifact ---------------------------------------------------------------------------------------------
Write-Step "done"
Write-Host "installer:     $Setup ($SetupMB MB, sha256 $Hash)"
Write-Host "frozen folder: $Bundle ($FolderMB MB)"
Write-Host "smoke test:    demo $($demo.Seconds) s, check $($check.Seconds) s, pages $($smoke.Seconds) s"
