; Inno Setup 6 script for the OCR add-on of 政务公开工作台 (issue 22). Saved as UTF-8 with a BOM.
; The OCR stack (OpenCV, onnxruntime, shapely, pyclipper, the PP-OCRv4 models) is ~73 MB even
; compressed, so it does not fit beside the app in the 120 MB main installer (installer/README.md has the
; figures). This installer finds the installed app of the SAME version and copies those folders into its
; _internal\ folder. Built by installer/build.ps1 from the same dist\zwgk folder as zwgk.iss:
;   ISCC /DAppVersion=0.1.0 /DAppVersionNumeric=0.1.0.0 /DChineseIsl=<path> installer\zwgk_ocr.iss
; The folder list must match zwgk.iss [Files] Excludes (tests/services/scans/test_engine_installed.py checks).
; numpy is not here: the main installer ships it (openpyxl imports it too).

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=x.y.z (installer\build.ps1 does)
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric AppVersion
#endif
#ifndef DistDir
  #define DistDir "..\dist\zwgk"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist\installer"
#endif
#ifndef ChineseIsl
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#endif

#define AppName "政务公开工作台"
; The main installer's AppId (zwgk.iss): its uninstall key says where the app is and which version.
#define MainUninstallKey "Software\Microsoft\Windows\CurrentVersion\Uninstall\{BE5CA70B-0E94-4E55-95EB-0B7925971FD1}_is1"
#define Internal "{app}\_internal"

[Setup]
AppId={{BE5CA70B-0E94-4E55-95EB-0B7925971FD1}-OCR
AppName={#AppName} 文字识别（OCR）组件
AppVersion={#AppVersion}
AppPublisher=ZwgkWorkbench
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 文字识别（OCR）组件安装程序
; The files belong to the app's folder: the app's uninstaller removes them ([UninstallDelete] in zwgk.iss).
Uninstallable=no
CreateUninstallRegKey=no
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={code:AppFolder}
DisableDirPage=yes
DisableProgramGroupPage=yes
DisableReadyPage=no
UsePreviousAppDir=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
SetupIconFile=app.ico
WizardStyle=modern
Compression=lzma2/ultra64
SolidCompression=yes
CloseApplications=yes
RestartApplications=no
OutputDir={#OutputDir}
OutputBaseFilename=ZwgkWorkbench-OCR-{#AppVersion}

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ChineseIsl}"

[CustomMessages]
chinesesimplified.NoApp=没有找到已安装的{#AppName}。请先安装{#AppName} {#AppVersion}，再运行本组件安装程序。
chinesesimplified.WrongVersion=本机的{#AppName}是 %1 版，本组件是 {#AppVersion} 版，两者必须同版本。%n%n请向提供安装包的人员索取 ZwgkWorkbench-OCR-%1.exe，或先把程序升级到 {#AppVersion} 版。
chinesesimplified.NeedAdmin={#AppName}安装在「%1」（为所有用户安装），请右键点击本安装程序，选择「以管理员身份运行」。
chinesesimplified.Installing=正在把文字识别（OCR）组件装入：%1

[InstallDelete]
; The same folders from an earlier add-on: no stale library may stay beside the new ones.
Type: filesandordirs; Name: "{#Internal}\cv2"
Type: filesandordirs; Name: "{#Internal}\opencv_python.libs"
Type: filesandordirs; Name: "{#Internal}\onnxruntime"
Type: filesandordirs; Name: "{#Internal}\rapidocr_onnxruntime"
Type: filesandordirs; Name: "{#Internal}\shapely"
Type: filesandordirs; Name: "{#Internal}\shapely.libs"
Type: filesandordirs; Name: "{#Internal}\pyclipper"

[Files]
; skipifsourcedoesntexist: the *.libs folders exist only where the wheel vendors its DLLs (build.ps1 checks
; that the add-on holds the models and OpenCV).
Source: "{#DistDir}\_internal\cv2\*"; DestDir: "{#Internal}\cv2"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#DistDir}\_internal\opencv_python.libs\*"; DestDir: "{#Internal}\opencv_python.libs"; Flags: ignoreversion recursesubdirs createallsubdirs skipifsourcedoesntexist
Source: "{#DistDir}\_internal\onnxruntime\*"; DestDir: "{#Internal}\onnxruntime"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#DistDir}\_internal\rapidocr_onnxruntime\*"; DestDir: "{#Internal}\rapidocr_onnxruntime"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#DistDir}\_internal\shapely\*"; DestDir: "{#Internal}\shapely"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#DistDir}\_internal\shapely.libs\*"; DestDir: "{#Internal}\shapely.libs"; Flags: ignoreversion recursesubdirs createallsubdirs skipifsourcedoesntexist
Source: "{#DistDir}\_internal\pyclipper\*"; DestDir: "{#Internal}\pyclipper"; Flags: ignoreversion recursesubdirs createallsubdirs skipifsourcedoesntexist

[Code]
var
  Folder: String;

{ The main app's uninstall entry: per-user installs write HKCU, all-users installs HKLM (its 64-bit view). }
function FindApp(var Root: Integer; var Location, Version: String): Boolean;
begin
  Root := HKCU;
  Result := RegQueryStringValue(Root, '{#MainUninstallKey}', 'InstallLocation', Location);
  if not Result then begin
    Root := HKLM64;
    Result := RegQueryStringValue(Root, '{#MainUninstallKey}', 'InstallLocation', Location);
  end;
  if Result then begin
    Location := RemoveBackslashUnlessRoot(Location);
    Result := FileExists(AddBackslash(Location) + 'zwgk.exe');
    if not RegQueryStringValue(Root, '{#MainUninstallKey}', 'DisplayVersion', Version) then
      Version := '';
  end;
end;

function InitializeSetup(): Boolean;
var
  Root: Integer;
  Version: String;
begin
  Result := False;
  if not FindApp(Root, Folder, Version) then begin
    SuppressibleMsgBox(CustomMessage('NoApp'), mbError, MB_OK, IDOK);
    Exit;
  end;
  if Version <> '{#AppVersion}' then begin
    { The libraries must match the Python code inside the app's own archive, which is version-specific. }
    SuppressibleMsgBox(FmtMessage(CustomMessage('WrongVersion'), [Version]), mbError, MB_OK, IDOK);
    Exit;
  end;
  if (Root = HKLM64) and not IsAdmin() then begin
    SuppressibleMsgBox(FmtMessage(CustomMessage('NeedAdmin'), [Folder]), mbError, MB_OK, IDOK);
    Exit;
  end;
  Result := True;
end;

function AppFolder(Param: String): String;
begin
  Result := Folder;
end;

function UpdateReadyMemo(Space, NewLine, MemoUserInfoInfo, MemoDirInfo, MemoTypeInfo, MemoComponentsInfo,
  MemoGroupInfo, MemoTasksInfo: String): String;
begin
  Result := FmtMessage(CustomMessage('Installing'), [Folder + '\_internal']);
end;
