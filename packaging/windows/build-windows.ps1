# Builds the PMDesk installer on Windows: the bundle from the shared spec, then Inno Setup.
# Cannot run on the Linux CI machines. Needs: Python 3.11+ (.venv with `pip install -e .[dev]`),
# Inno Setup 6 (iscc.exe on PATH), and for signing the Windows SDK's signtool.exe.
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build-windows.ps1
# SIGNING (optional): $env:PMDESK_SIGN_PFX = path to the code-signing certificate (.pfx),
#   $env:PMDESK_SIGN_PASSWORD = its password. Without them nothing is signed and
#   SmartScreen will warn users.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$py = ".venv\Scripts\python.exe"
$version = & $py -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
& .venv\Scripts\pip.exe install -q --no-deps -e .   # --version reads the installed metadata
& $py packaging\make_icons.py . packaging\build\icons
$env:PMDESK_ICON_DIR = "packaging\build\icons"
& .venv\Scripts\pyinstaller.exe --noconfirm --log-level WARN --distpath packaging\dist `
    --workpath packaging\build\pyinstaller packaging\pmdesk.spec
if ($LASTEXITCODE -ne 0) { throw "pyinstaller failed" }

$got = & packaging\dist\pmdesk\pmdesk.exe --version
if ($got -ne "pmdesk $version") { throw "bundle says '$got', expected 'pmdesk $version'" }
$env:QT_QPA_PLATFORM = "offscreen"
& packaging\dist\pmdesk\pmdesk.exe --self-test
if ($LASTEXITCODE -ne 0) { throw "pmdesk --self-test failed" }
Remove-Item Env:\QT_QPA_PLATFORM

$isccArgs = @("/DAppVersion=$version")
if ($env:PMDESK_SIGN_PFX) {
    # --- SIGNING: the certificate goes here ---------------------------------------------
    $sign = "signtool.exe sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 " +
            "/f `"$env:PMDESK_SIGN_PFX`" /p `"$env:PMDESK_SIGN_PASSWORD`""
    & cmd /c "$sign packaging\dist\pmdesk\pmdesk.exe packaging\dist\pmdesk\pmdesk-gui.exe"
    if ($LASTEXITCODE -ne 0) { throw "signtool failed" }
    $isccArgs += "/Ssigntool=$sign `$f"
    $isccArgs += "/Dsigntool"
} else {
    Write-Host "NOTE: PMDESK_SIGN_PFX not set: the installer is not signed"
}
& iscc.exe @isccArgs packaging\windows\pmdesk.iss
if ($LASTEXITCODE -ne 0) { throw "iscc failed" }
Get-ChildItem packaging\dist\PMDesk-$version-windows-x64-setup.exe | Format-Table Name, Length
