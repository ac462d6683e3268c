<#
.SYNOPSIS
    Build the Windows installer of the Zwgk Workbench in one go:
    clean -> pip install -> pytest -> pyinstaller -> smoke-test the frozen exe -> Inno Setup -> artifact.

.DESCRIPTION
    Run from any folder in Windows PowerShell 5.1 or PowerShell 7 on Windows 10/11 x64 with Python 3.11:
        powershell -ExecutionPolicy Bypass -File installer\build.ps1
    Output: dist\installer\ZwgkWorkbench-Setup-<version>.exe (the app without OCR) and the OCR add-on
    dist\installer\ZwgkWorkbench-OCR-<version>.exe, each with its .sha256 file.
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
$MaxFolderMB = 250       # issue 13: the frozen folder, less the OCR component, stays under 250 MB
$MaxOcrMB = 340          # issue 22: the OCR stack (OpenCV, onnxruntime, numpy, models) has its own budget
$OcrFolders = "^(cv2|opencv_python\.libs|onnxruntime|numpy|numpy\.libs|rapidocr_onnxruntime|shapely|shapely\.libs|pyclipper)([.-]|$)"
# What the OCR add-on installer (zwgk_ocr.iss) holds: the OCR stack less numpy, which openpyxl imports too.
$AddonFolders = "^(cv2|opencv_python\.libs|onnxruntime|rapidocr_onnxruntime|shapely|shapely\.libs|pyclipper)$"
$MaxInstallerMB = 120    # ... and the installer (the app without OCR) under 120 MB
$MaxOcrInstallerMB = 100 # issue 22: the OCR add-on installer (Linux estimate 73 MiB with xz -9e, see README)
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
function Invoke-Frozen([string[]]$Arguments, [string]$Program = $Exe) {
    $out = [System.IO.Path]::GetTempFileName()
    $err = [System.IO.Path]::GetTempFileName()
    $quoted = $Arguments | ForEach-Object { if ($_ -match '\s') { '"' + $_ + '"' } else { $_ } }
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $process = Start-Process -FilePath $Program -ArgumentList $quoted -Wait -PassThru -NoNewWindow `
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
$OcrMB = 0
Get-ChildItem -LiteralPath (Join-Path $Bundle "_internal") | Where-Object { $_.Name -match $OcrFolders } |
    ForEach-Object { $OcrMB += $(if ($_.PSIsContainer) { Get-FolderMB $_.FullName } else { [math]::Round($_.Length / 1MB, 1) }) }
Write-Host "frozen folder: $FolderMB MB, of which OCR $OcrMB MB"
if ($FolderMB - $OcrMB -ge $MaxFolderMB) { throw "frozen folder less OCR is $($FolderMB - $OcrMB) MB, over the $MaxFolderMB MB limit" }
if ($OcrMB -ge $MaxOcrMB) { throw "the OCR part is $OcrMB MB, over the $MaxOcrMB MB limit" }
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

# The main installer leaves the OCR folders out: the app must work without them and say OCR is missing.
$NoOcr = Join-Path $Work "no-ocr"
Copy-Item -LiteralPath $Bundle -Destination $NoOcr -Recurse
Get-ChildItem -LiteralPath (Join-Path $NoOcr "_internal") | Where-Object { $_.Name -match $AddonFolders } |
    Remove-Item -Recurse -Force
$bare = Invoke-Frozen @("--data-dir", (Join-Path $Work "smoke no-ocr $Chinese"), "--smoke-test") (Join-Path $NoOcr "zwgk.exe")
Write-Host "smoke test without OCR: exit $($bare.ExitCode) in $($bare.Seconds) s"
if ($bare.ExitCode -ne 0) { throw "the app without the OCR add-on failed its smoke test: $($bare.Errors)" }
Remove-Item -LiteralPath $NoOcr -Recurse -Force
if (@(Get-ChildItem -LiteralPath (Join-Path $Bundle "_internal\rapidocr_onnxruntime\models") -Filter "*.onnx").Count -lt 3 -or
    -not (Test-Path -LiteralPath (Join-Path $Bundle "_internal\cv2"))) {
    throw "the OCR add-on would lack its models or OpenCV"
}
if ($Offscreen) { Remove-Item Env:\QT_QPA_PLATFORM }

# 6. installers: the app without OCR, and the OCR add-on -------------------------------------------------- --------------------------------------------------------------------------------------------
Write-Step "Inno Setup"
$IsccPath = Find-Iscc
$ChineseIsl = Find-ChineseIsl $IsccPath
function New-Installer([string]$Script, [string]$Name, [double]$MaxMB) {
    Invoke-Native "ISCC $Script" {
        & $IsccPath /Qp "/DAppVersion=$Version" "/DAppVersionNumeric=$VersionNumeric" "/DChineseIsl=$ChineseIsl" `
            "/DDistDir=$Bundle" "/DOutputDir=$InstallerOut" $Script | Out-Host  # not into the return value
    }
    $path = Join-Path $InstallerOut $Name
    $mb = [math]::Round((Get-Item -LiteralPath $path).Length / 1MB, 1)
    if ($mb -ge $MaxMB) { throw "$Name is $mb MB, over the $MaxMB MB limit" }
    $hash = (Get-FileHash -LiteralPath $path -Algorithm SHA256).Hash.ToLowerInvariant()
    Set-Content -LiteralPath "$path.sha256" -Value "$hash  $Name" -Encoding ASCII
    return [pscustomobject]@{ Path = $path; MB = $mb; Hash = $hash }
}
$Setup = New-Installer "installer\zwgk.iss" "ZwgkWorkbench-Setup-$Version.exe" $MaxInstallerMB
$OcrSetup = New-Installer "installer\zwgk_ocr.iss" "ZwgkWorkbench-OCR-$Version.exe" $MaxOcrInstallerMB

# 7. artifact ---------------------------------------------------------------------------------------------
Write-Step "done"
Write-Host "installer:     $($Setup.Path) ($($Setup.MB) MB, sha256 $($Setup.Hash))"
Write-Host "OCR add-on:    $($OcrSetup.Path) ($($OcrSetup.MB) MB, sha256 $($OcrSetup.Hash))"
Write-Host "frozen folder: $Bundle ($FolderMB MB)"
Write-Host "smoke test:    demo $($demo.Seconds) s, check $($check.Seconds) s, pages $($smoke.Seconds) s"
