; Inno Setup 6 script for PMDesk (Windows x64). Cannot be built on the Linux CI machines.
; Build on Windows with packaging\windows\build-windows.ps1, which freezes the app with the
; shared spec (packaging\pmdesk.spec -> packaging\dist\pmdesk\) and then runs:
;   iscc /DAppVersion=<pyproject version> packaging\windows\pmdesk.iss
; so the installer carries the one version from pyproject.toml.
;
; SIGNING: build-windows.ps1 passes /Ssigntool=... when PMDESK_SIGN_PFX is set; then the
; SignTool line below signs the installer and the uninstaller (the executables in the
; bundle are signed by build-windows.ps1 before this script packs them).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z pmdesk.iss (build-windows.ps1 reads pyproject.toml)
#endif
; Windows file versions are numeric a.b.c.d: drop any pre-release/local suffix
#define NumericVersion Copy(AppVersion, 1, Pos("+", AppVersion + "+") - 1)

[Setup]
AppId={{6D0B7C2E-6B9A-4F3E-9E0A-3C1F5D2A7B41}
AppName=PMDesk
AppVersion={#AppVersion}
AppVerName=PMDesk {#AppVersion}
AppPublisher=PMDesk
VersionInfoVersion={#NumericVersion}
VersionInfoProductVersion={#NumericVersion}
VersionInfoDescription=PMDesk installer
DefaultDirName={autopf}\PMDesk
DefaultGroupName=PMDesk
DisableProgramGroupPage=yes
; per-user install by default (no admin needed); the dialog offers all users
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SourceDir=..
OutputDir=dist
OutputBaseFilename=PMDesk-{#AppVersion}-windows-x64-setup
SetupIconFile=build\icons\pmdesk.ico
UninstallDisplayIcon={app}\pmdesk-gui.exe
UninstallDisplayName=PMDesk {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesEnvironment=yes
CloseApplications=yes
#ifdef signtool
; SIGNING: the certificate goes here through /Ssigntool="signtool.exe sign /fd sha256
; /tr http://timestamp.digicert.com /td sha256 /f cert.pfx /p PASSWORD $f"
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add the pmdesk command to PATH (for pmdesk serve)"; Flags: unchecked

[Files]
; the one-folder bundle: pmdesk.exe (console: pmdesk serve, --version, --self-test),
; pmdesk-gui.exe (no console window: the menu shortcut) and _internal\
Source: "dist\pmdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; files of an older version that this one no longer ships
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\PMDesk"; Filename: "{app}\pmdesk-gui.exe"; Comment: "Run SPSS Modeler batch jobs"
Name: "{autodesktop}\PMDesk"; Filename: "{app}\pmdesk-gui.exe"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: (not IsAdminInstallMode) and NeedsAddPath(ExpandConstant('{app}'))
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: IsAdminInstallMode and NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\pmdesk-gui.exe"; Description: "{cm:LaunchProgram,PMDesk}"; Flags: nowait postinstall skipifsilent

[Code]
function PathKey(var Root: Integer): String;
begin
  if IsAdminInstallMode then begin
    Root := HKEY_LOCAL_MACHINE;
    Result := 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment';
  end else begin
    Root := HKEY_CURRENT_USER;
    Result := 'Environment';
  end;
end;

function NeedsAddPath(Dir: String): Boolean;
var
  Root: Integer;
  Key, Paths: String;
begin
  Key := PathKey(Root);
  if not RegQueryStringValue(Root, Key, 'Path', Paths) then begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Root, P: Integer;
  Key, Paths, Dir: String;
begin
  if CurUninstallStep <> usPostUninstall then exit;
  Key := PathKey(Root);
  Dir := ExpandConstant('{app}');
  if RegQueryStringValue(Root, Key, 'Path', Paths) then begin
    P := Pos(';' + Uppercase(Dir), Uppercase(Paths));
    if P > 0 then begin
      Delete(Paths, P, Length(Dir) + 1);
      RegWriteExpandStringValue(Root, Key, 'Path', Paths);
    end;
  end;
end;
