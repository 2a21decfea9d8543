"""What routes depend on: the shared Service, the caller's Instance, checked ids.

Both dependencies are async (no blocking work: a dict and an HMAC): a plain def would cost
each request two hops through the thread pool.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated

from fastapi import Depends, Query, Request

from pmdesk.api.ids import id_problem
from pmdesk.service.errors import ApiError
from pmdesk.service.instances import Instance
from pmdesk.service.state import Service


async def get_service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


async def get_instance(
    request: Request,
    accesskey: Annotated[str | None, Query(description="the instance's access key")] = None,
) -> Instance:
    """The instance of the access key; 401 without a key or with one this service lacks."""
    if not accesskey:
        raise ApiError(401, "an access key is required: add ?accesskey=KEY to the URL")
    inst = (await get_service(request)).instances.lookup(accesskey)
    if inst is None:
        raise ApiError(401, "the access key is not valid for this service")
    return inst


InstanceDep = Annotated[Instance, Depends(get_instance)]
ServiceDep = Annotated[Service, Depends(get_service)]


def _service_id_problem(value: str, kind: str) -> str | None:
    """What the shared id rule lets through but a URL id must not hold: C1 control
    characters (U+0080-U+009F), surrogates, and U+FFFD, which is what invalid UTF-8 in a
    URL decodes to (so %FF, %FE and %C0 would all name one file)."""
    for ch in value:
        if ch == "\ufffd":
            return (f"the {kind} holds bytes that are not UTF-8 (or U+FFFD); percent-encode "
                    "ids as UTF-8")
        if unicodedata.category(ch) in ("Cc", "Cs"):
            return f"the {kind} may not contain control character U+{ord(ch):04X}"
    return None


def checked_id(value: str, kind: str) -> str:
    problem = id_problem(value, kind) or _service_id_problem(value, kind)
    if problem:
        raise ApiError(400, problem)
    return value
