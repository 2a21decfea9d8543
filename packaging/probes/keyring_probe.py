"""Run inside the frozen app (frozen_probe.py): the OS keyring is found and works.

Needs a reachable Secret Service (check-deb.sh runs it in a D-Bus session with an unlocked
gnome-keyring). Fails when keyring fell back to its fail/plaintext backends, which is what
happens when the bundle lacks keyring's entry-point metadata or the secretstorage backend.
"""

import sys
import uuid

import keyring

backend = keyring.get_keyring()
name = f"{type(backend).__module__}.{type(backend).__name__}"
print(f"frozen: {getattr(sys, 'frozen', False)}; keyring backend: {name}")
if not getattr(sys, "frozen", False):
    sys.exit("not running inside the frozen bundle")
if "SecretService" not in name and "chainer" not in name.lower():
    sys.exit(f"expected the Secret Service backend, got {name}")
account = f"probe-{uuid.uuid4().hex[:8]}"
keyring.set_password("PMDesk-packaging-check", account, "s3cret")
ok = keyring.get_password("PMDesk-packaging-check", account) == "s3cret"
keyring.delete_password("PMDesk-packaging-check", account)
print("keyring round trip:", "ok" if ok else "FAILED")
sys.exit(0 if ok else 1)
