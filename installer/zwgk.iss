; Inno Setup 6 script for 政务公开工作台. Saved as UTF-8 with a BOM (Inno reads BOM-less scripts as ANSI).
; Built by installer/build.ps1, which passes the version from app/__init__.py:
;   ISCC /DAppVersion=0.1.0 /DAppVersionNumeric=0.1.0.0 /DChineseIsl=<path> installer\zwgk.iss
; The folder to package is dist\zwgk from `pyinstaller installer\zwgk.spec`, less the OCR folders: they are
; the separate add-on installer zwgk_ocr.iss (together ~150 MB compressed, over the 120 MB budget).

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
; ChineseSimplified.isl comes with recent Inno Setup releases; older ones keep it among the unofficial
; translations (Files\Languages\Unofficial in the Inno Setup sources). build.ps1 finds it and passes its path.
#ifndef ChineseIsl
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#endif

#define AppName "政务公开工作台"
#define AppExe "zwgk.exe"
; Must match app/__init__.py APP_ID / APP_AUTHOR (platformdirs: %LOCALAPPDATA%\<author>\<app>).
#define DataFolder "{localappdata}\ZwgkWorkbench\ZwgkWorkbench"
#define OcrAddon "ZwgkWorkbench-OCR-" + AppVersion + ".exe"
; The OCR add-on's folders in _internal\ (zwgk_ocr.iss installs them; the lists must agree). numpy stays
; here: openpyxl imports it when the archive has it, and a half-present numpy breaks .xlsx export.
#define OcrExcludes "\_internal\cv2,\_internal\opencv_python.libs,\_internal\onnxruntime,\_internal\rapidocr_onnxruntime,\_internal\shapely,\_internal\shapely.libs,\_internal\pyclipper"

[Setup]
; Never change AppId: it is how a new version finds and replaces the installed one (upgrade in place).
AppId={{BE5CA70B-0E94-4E55-95EB-0B7925971FD1}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ZwgkWorkbench
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
; Per-user install needs no administrator; the first page offers "all users" to those who have one.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\ZwgkWorkbench
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Windows 10 1809 or later (Qt 6 needs it).
MinVersion=10.0.17763
SetupIconFile=app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/ultra64
SolidCompression=yes
; The program is closed (Restart Manager) before its files are replaced.
CloseApplications=yes
RestartApplications=no
OutputDir={#OutputDir}
OutputBaseFilename=ZwgkWorkbench-Setup-{#AppVersion}

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ChineseIsl}"

[CustomMessages]
chinesesimplified.DesktopIcon=在桌面上创建快捷方式
chinesesimplified.LaunchApp=启动政务公开工作台
chinesesimplified.RemoveDataTitle=卸载政务公开工作台
chinesesimplified.RemoveDataIntro=程序文件将被删除。您的工作数据（数据库、附件、日志和自动备份）默认保留在：
chinesesimplified.RemoveDataKeepHint=保留数据后，重新安装本程序即可继续使用。换电脑请先用「文件 → 备份数据…」备份。
chinesesimplified.RemoveDataCheck=同时删除全部工作数据（无法恢复）
chinesesimplified.RemoveDataConfirm=确定要永久删除全部工作数据吗？%n%n%1%n%n删除后无法恢复。如果还没有备份，请选择「否」。
chinesesimplified.ButtonContinue=继续卸载
chinesesimplified.ButtonCancel=取消
chinesesimplified.RunOcrAddon=安装文字识别（OCR）组件（扫描件自动识别文字）
chinesesimplified.OcrAddonNeeded=升级前本机装有文字识别（OCR）组件，新版本需要同版本的组件。%n%n请接着运行 {#OcrAddon}（向提供安装包的人员索取）；装好之前，扫描件仍可登记，文字需手工填写。

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; Drop the previous version's libraries so no stale file is loaded after an upgrade. Data lives elsewhere.
; This removes an installed OCR add-on too, on purpose: its libraries must match the new version's archive.
; PrepareToInstall notes it was there; the same-version add-on is then run or asked for (see [Run]).
Type: filesandordirs; Name: "{app}\_internal"

[UninstallDelete]
; The OCR add-on has no uninstaller of its own: its files go with the app's.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Excludes: "{#OcrExcludes}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
; The add-on, when it sits beside this installer: checked (and run even when silent) if the upgrade removed one.
Filename: "{src}\{#OcrAddon}"; Parameters: "{code:OcrAddonParams}"; Description: "{cm:RunOcrAddon}"; Flags: postinstall waituntilterminated; Check: OcrAddonBeside and OcrWasInstalled
Filename: "{src}\{#OcrAddon}"; Description: "{cm:RunOcrAddon}"; Flags: postinstall unchecked waituntilterminated skipifsilent; Check: OcrAddonBeside and not OcrWasInstalled
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

[Code]
const
  ChoiceCancel = 0;
  ChoiceKeep = 1;
  ChoiceRemove = 2;

var
  RemoveData: Boolean;
  HadOcr: Boolean;

{ Before [InstallDelete] runs: was the OCR add-on installed in the folder being upgraded? }
function PrepareToInstall(var NeedsRestart: Boolean): String;
begin
  HadOcr := FileExists(ExpandConstant('{app}\_internal\rapidocr_onnxruntime\config.yaml'));
  Result := '';
end;

function OcrWasInstalled(): Boolean;
begin
  Result := HadOcr;
end;

function OcrAddonBeside(): Boolean;
begin
  Result := FileExists(ExpandConstant('{src}\{#OcrAddon}'));
end;

function OcrAddonParams(Param: String): String;
begin
  if WizardSilent() then
    Result := '/VERYSILENT /SUPPRESSMSGBOXES'
  else
    Result := '';
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  { Not silently lost: without the add-on beside this installer, the clerk is told what to run. }
  if (CurStep = ssPostInstall) and HadOcr and not OcrAddonBeside() then
    SuppressibleMsgBox(FmtMessage(CustomMessage('OcrAddonNeeded'), []), mbInformation, MB_OK, IDOK);
end;

function AddText(Form: TSetupForm; const Text: String; Top: Integer): TNewStaticText;
begin
  Result := TNewStaticText.Create(Form);
  Result.Parent := Form;
  Result.Left := ScaleX(16);
  Result.Top := Top;
  Result.Width := Form.ClientWidth - ScaleX(32);
  Result.WordWrap := True;
  Result.Caption := Text;
end;

function AddButton(Form: TSetupForm; const Caption: String; Left, Modal: Integer): TNewButton;
begin
  Result := TNewButton.Create(Form);
  Result.Parent := Form;
  Result.Width := ScaleX(96);
  Result.Height := ScaleY(25);
  Result.Left := Left;
  Result.Top := Form.ClientHeight - ScaleY(25 + 14);
  Result.Caption := Caption;
  Result.ModalResult := Modal;
end;

{ The uninstaller has no wizard pages, so keep-or-delete is a small form of its own; "keep" is the default. }
function AskAboutData(const Folder: String): Integer;
var
  Form: TSetupForm;
  Intro, PathText, Hint: TNewStaticText;
  Check: TNewCheckBox;
  ContinueButton, CancelButton: TNewButton;
begin
  Form := CreateCustomForm(ScaleX(460), ScaleY(240), False, False);
  try
    Form.Caption := CustomMessage('RemoveDataTitle');
    Intro := AddText(Form, CustomMessage('RemoveDataIntro'), ScaleY(16));
    PathText := AddText(Form, Folder, Intro.Top + Intro.Height + ScaleY(8));
    Hint := AddText(Form, CustomMessage('RemoveDataKeepHint'), PathText.Top + PathText.Height + ScaleY(12));
    Check := TNewCheckBox.Create(Form);
    Check.Parent := Form;
    Check.Left := ScaleX(16);
    Check.Top := Hint.Top + Hint.Height + ScaleY(14);
    Check.Width := Form.ClientWidth - ScaleX(32);
    Check.Caption := CustomMessage('RemoveDataCheck');
    Check.Checked := False;
    ContinueButton := AddButton(Form, CustomMessage('ButtonContinue'),
      Form.ClientWidth - ScaleX(16 + 96 + 8 + 96), mrOk);
    ContinueButton.Default := True;
    CancelButton := AddButton(Form, CustomMessage('ButtonCancel'), Form.ClientWidth - ScaleX(16 + 96), mrCancel);
    CancelButton.Cancel := True;
    Form.ActiveControl := ContinueButton;

    if Form.ShowModal() <> mrOk then
      Result := ChoiceCancel
    else if Check.Checked and
        (MsgBox(FmtMessage(CustomMessage('RemoveDataConfirm'), [Folder]),
                mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES) then
      Result := ChoiceRemove
    else
      Result := ChoiceKeep;
  finally
    Form.Free();
  end;
end;

function InitializeUninstall(): Boolean;
var
  Folder: String;
  Choice: Integer;
begin
  RemoveData := False;
  Result := True;
  Folder := ExpandConstant('{#DataFolder}');
  { A silent uninstall never deletes data. Only the current Windows user's data folder is offered. }
  if UninstallSilent() or not DirExists(Folder) then
    Exit;
  Choice := AskAboutData(Folder);
  Result := Choice <> ChoiceCancel;  { False stops the uninstall; nothing is removed }
  RemoveData := Choice = ChoiceRemove;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and RemoveData then
    DelTree(ExpandConstant('{#DataFolder}'), True, True, True);
end;
