"""A LibreOffice conversion worker, run by the Python that has LibreOffice's ``uno`` module.

Debian's ``python3-uno`` belongs to the system Python, not to the project's
virtual environment, so this file imports nothing of docforge: the reader
starts it as ``/usr/bin/python3 office_worker.py PROFILE_DIR`` and talks to it
in JSON lines on its standard input and output. It starts one headless
``soffice`` listening on a pipe, connects, and converts one file per request
until its input closes, so a batch pays LibreOffice's start-up once.

Request: ``{"source": path, "target": path, "filter": "MS Word 2007 XML"}`` (and an optional
``"password"`` the target is saved under). Reply: ``{"ok": true}`` or ``{"ok": false, "error":
"one line"}``, with ``"dead": true`` when LibreOffice itself has died and the worker exits.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time

import uno  # noqa: F401 - registers the com.sun.star importer
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

CONNECT_SECONDS = 90


def _props(**values) -> tuple:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _start(profile: str) -> tuple[subprocess.Popen, object]:
    pipe = f"docforge-{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if office.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("LibreOffice did not start") from None
            time.sleep(0.2)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    return office, desktop


def _convert(desktop, source: str, target: str, filter_name: str, password: str = "") -> None:
    # An empty password makes a protected file fail to load instead of asking for one.
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source),
        "_blank",
        0,
        _props(Hidden=True, ReadOnly=True, Password="", UpdateDocMode=0),
    )
    if document is None:
        raise RuntimeError(
            "LibreOffice could not open the file (damaged, password-protected or not a document)"
        )
    try:
        store = {"Password": password} if password else {}
        document.storeToURL(
            uno.systemPathToFileUrl(target), _props(FilterName=filter_name, Overwrite=True, **store)
        )
    finally:
        document.close(True)


def main() -> None:
    office, desktop = _start(sys.argv[1])
    print(json.dumps({"ok": True, "ready": True}), flush=True)
    try:
        for line in sys.stdin:
            request = json.loads(line)
            try:
                _convert(
                    desktop,
                    request["source"],
                    request["target"],
                    request["filter"],
                    request.get("password", ""),
                )
                reply = {"ok": True}
            except Exception as exc:  # noqa: BLE001 - every failure is one line for the caller
                message = getattr(exc, "Message", "") or str(exc) or exc.__class__.__name__
                reply = {"ok": False, "error": " ".join(message.split())[:200]}
                if office.poll() is not None:  # LibreOffice itself died: this worker is done
                    reply["error"] = "LibreOffice crashed (it is restarted for the next file)"
                    reply["dead"] = True
            print(json.dumps(reply), flush=True)
            if reply.get("dead"):
                break
    finally:
        with contextlib.suppress(Exception):  # the office may already be gone
            desktop.terminate()
        office.terminate()
        try:
            office.wait(10)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
