"""The web application of `planforge serve`: a Starlette app over the plans of one folder.

Routes: the page (`/` lists the folder's plans, `/edit?path=` edits one), its static
files, and a small JSON API: `GET /api/plan` (data, findings, coverage, preview),
`POST /api/edit` (one edit through the round-trip writer), `POST /api/save` (a whole
source, for "keep my version" and for fixing a file that does not load), `GET
/api/download`, `GET /api/folder`, `GET /api/form` and `GET /api/events` (server-sent
events when the file changes on disk).

Every write names the version of the file it was made on and is refused (409, with both
versions) when the file on disk is another one; writes are atomic and validated first.
Writes need the page's token (a header a foreign page cannot set); with `require_token`
(serving on another address than 127.0.0.1) every request does. Requests whose Host
header is not one the server answers to are refused (DNS rebinding).
"""

from __future__ import annotations

import asyncio
import difflib
import html
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

from planforge.serve.workspace import Refused, Workspace, version_of

STATIC = Path(__file__).parent / "static"
TOKEN_HEADER = "x-planforge-token"
TOKEN_COOKIE = "planforge_token"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'"
)
DOWNLOADS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "pdf": "application/pdf",
}


@dataclass
class ServeConfig:
    """What the app serves and how it guards it."""

    workspace: Workspace
    allowed_hosts: set[str]
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    require_token: bool = False  # every request, not only writes (serving beyond 127.0.0.1)
    stop: asyncio.Event | None = None  # set when the server stops, to end event streams


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host headers a server bound to `host`:`port` answers to."""
    names = {host}
    if host in ("127.0.0.1", "localhost"):
        names |= {"127.0.0.1", "localhost"}
    if host in ("0.0.0.0", "::", ""):  # every address of this machine: its names and IPs
        names = {"127.0.0.1", "localhost", *_machine_names()}
    names = {f"[{n}]" if ":" in n and not n.startswith("[") else n for n in names}
    out = {f"{name}:{port}" for name in names}
    if port == 80:
        out |= names
    return {h.lower() for h in out}


def _machine_names() -> set[str]:
    import socket

    names = {socket.gethostname(), socket.getfqdn()}
    for name in list(names):
        try:
            names |= {str(info[4][0]) for info in socket.getaddrinfo(name, None)}
        except OSError:
            continue
    return names


class Guard:
    """ASGI middleware: the Host header, the token, and headers that keep the page closed."""

    def __init__(self, app: Any, config: ServeConfig) -> None:
        self.app, self.config = app, config

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "").lower()
        if host not in self.config.allowed_hosts:
            await _plain(send, 421, "unknown Host header; open the address planforge printed")
            return
        token = self.config.token
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = {
            headers.get(TOKEN_HEADER, ""),
            _cookie(headers.get("cookie", ""), TOKEN_COOKIE),
            (query.get("token") or [""])[0],
        }
        has_token = any(secrets.compare_digest(g, token) for g in given if g)
        writing = scope["method"] not in ("GET", "HEAD")
        if writing and not secrets.compare_digest(headers.get(TOKEN_HEADER, ""), token):
            await _plain(send, 403, "a change needs the page's token; reload the page")
            return
        if self.config.require_token and not has_token:
            await _plain(send, 401, "this server needs the access token it printed at start")
            return
        set_cookie = self.config.require_token and (query.get("token") or [""])[0] == token

        async def send_guarded(message: Any) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                ]
                if set_cookie:
                    cookie = f"{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
                    extra.append((b"set-cookie", cookie.encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_guarded)


def _cookie(header: str, name: str) -> str:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


async def _plain(send: Any, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app(config: ServeConfig) -> Any:
    """The Starlette application for `config`, wrapped in its guard."""
    from starlette.applications import Starlette
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    api = Api(config)
    routes = [
        Route("/", api.page),
        Route("/edit", api.page),
        Route("/api/folder", api.folder),
        Route("/api/form", api.form),
        Route("/api/plan", api.plan),
        Route("/api/edit", api.edit, methods=["POST"]),
        Route("/api/save", api.save, methods=["POST"]),
        Route("/api/download", api.download),
        Route("/api/events", api.events),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={Refused: _refused})
    return Guard(app, config)


async def _refused(request: Any, exc: Exception) -> Any:
    from starlette.responses import JSONResponse

    status = exc.status if isinstance(exc, Refused) else 400
    return JSONResponse({"error": str(exc)}, status_code=status)


class Api:
    """The handlers; the slow work (lint, render, write) runs in worker threads."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.ws = config.workspace

    # ------------------------------------------------------------------------ the page

    async def page(self, request: Any) -> Any:
        from starlette.responses import HTMLResponse, RedirectResponse

        rel = request.query_params.get("path")
        if request.url.path == "/" and self.ws.single is not None:
            return RedirectResponse(f"/edit?path={quote(self.ws.single)}", status_code=303)
        if request.url.path == "/edit":
            self.ws.resolve(rel)
        template = (STATIC / "page.html").read_text("utf-8")
        values = {
            "token": self.config.token,
            "mode": "edit" if request.url.path == "/edit" else "folder",
            "path": rel or "",
            "folder": self.ws.root.name,
            "single": "1" if self.ws.single is not None else "",
        }
        for key, value in values.items():
            template = template.replace("{{" + key + "}}", html.escape(value, quote=True))
        return HTMLResponse(template)

    async def form(self, request: Any) -> Any:
        from starlette.responses import JSONResponse

        from planforge.serve.form import form

        lang = request.query_params.get("lang", "zh")
        return JSONResponse(form("en" if lang == "en" else "zh"))

    async def folder(self, request: Any) -> Any:
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import JSONResponse

        from planforge.serve.state import folder_rows

        rows = await run_in_threadpool(folder_rows, self.ws.plans(), self.ws.root)
        return JSONResponse({"folder": self.ws.root.name, "plans": rows})

    # ------------------------------------------------------------------------ one plan

    async def plan(self, request: Any) -> Any:
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import JSONResponse

        rel = request.query_params.get("path")
        summary = request.query_params.get("summary") == "1"
        path = self.ws.resolve(rel)
        state = await run_in_threadpool(self._state, path, summary)
        return JSONResponse(state)

    def _state(self, path: Path, summary: bool) -> dict[str, Any]:
        from planforge.serve.state import plan_state

        raw = path.read_bytes()
        state = plan_state(path, self.ws.relative(path), raw, summary=summary)
        self.ws.remember(state["version"], state.get("text", ""))
        return state

    async def edit(self, request: Any) -> Any:
        return await self._write(request, "edit")

    async def save(self, request: Any) -> Any:
        return await self._write(request, "save")

    async def _write(self, request: Any, action: str) -> Any:
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import JSONResponse

        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "expected a JSON body"}, status_code=400)
        if not isinstance(body, dict):
            return JSONResponse({"error": "expected a JSON object"}, status_code=400)
        path = self.ws.resolve(body.get("path"))
        status, payload = await run_in_threadpool(self._write_locked, path, body, action)
        return JSONResponse(payload, status_code=status)

    def _write_locked(self, path: Path, body: dict[str, Any], action: str) -> tuple[int, Any]:
        from planforge.errors import PlanforgeError
        from planforge.lifecycle.roundtrip import FileStyle, validated, write_source
        from planforge.read import decode_source
        from planforge.serve.edits import EditError, edited

        summary = bool(body.get("summary"))
        with self.ws.lock:
            raw = path.read_bytes()
            on_disk = decode_source(raw, str(path)).replace("\r\n", "\n")
            base = str(body.get("version") or "")
            if version_of(raw) != base:
                return 409, self._conflict(path, raw, on_disk, base, body, action)
            new = on_disk
            try:
                if action == "edit":
                    new = edited(on_disk, path, body.get("edit") or {})
                else:
                    new = str(body.get("text") or "").replace("\r\n", "\n")
                validated(new, path, "save the change")
            except EditError as exc:
                return 422, _refusal(exc.message, [_at(list(exc.loc), exc.message)])
            except PlanforgeError as exc:
                return 422, _refusal(exc.message, _located(exc, new))
            if new != on_disk:
                write_source(path, new, FileStyle.of(path))
            return 200, self._state(path, summary)

    def _conflict(
        self, path: Path, raw: bytes, on_disk: str, base: str, body: dict[str, Any], action: str
    ) -> dict[str, Any]:
        """Both versions: the file as it is now, and this change made on the page's version."""
        from planforge.errors import PlanforgeError
        from planforge.serve.edits import edited

        mine = str(body.get("text") or "") if action == "save" else None
        earlier = self.ws.recall(base)
        if mine is None and earlier is not None:
            try:
                mine = edited(earlier, path, body.get("edit") or {})
            except PlanforgeError:
                mine = earlier
        version = version_of(raw)
        self.ws.remember(version, on_disk)
        diff = difflib.unified_diff(
            on_disk.splitlines(), (mine or "").splitlines(), "theirs", "mine", lineterm=""
        )
        return {
            "conflict": True,
            "path": self.ws.relative(path),
            "version": version,
            "theirs": on_disk,
            "mine": mine,
            "diff": "\n".join(diff),
        }

    # ------------------------------------------------------------------------ downloads

    async def download(self, request: Any) -> Any:
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import JSONResponse, Response

        from planforge.errors import PlanforgeError
        from planforge.render.run import default_output

        path = self.ws.resolve(request.query_params.get("path"))
        fmt = request.query_params.get("format", "docx")
        summary = request.query_params.get("summary") == "1"
        if fmt not in DOWNLOADS:
            return JSONResponse({"error": f"format {fmt}: expected docx, pdf or md"}, 400)
        try:
            data = await run_in_threadpool(_document, path, fmt, summary)
        except PlanforgeError as exc:
            return JSONResponse({"error": exc.message, "hint": exc.hint}, status_code=422)
        name = default_output(path, fmt, summary).name
        disposition = f"attachment; filename*=UTF-8''{quote(name)}"
        return Response(
            data, media_type=DOWNLOADS[fmt], headers={"content-disposition": disposition}
        )

    # ------------------------------------------------------------------------ changes on disk

    async def events(self, request: Any) -> Any:
        from starlette.responses import StreamingResponse

        path = self.ws.resolve(request.query_params.get("path"))
        return StreamingResponse(self._changes(request, path), media_type="text/event-stream")

    async def _changes(self, request: Any, path: Path) -> Any:
        """`changed` with the new version each time the file changes on disk."""
        from watchfiles import awatch

        target = path.resolve()
        yield "retry: 3000\n\n"
        stop = self.config.stop or asyncio.Event()
        async for changes in awatch(
            target.parent,
            stop_event=stop,
            recursive=False,
            yield_on_timeout=True,
            rust_timeout=2000,
        ):
            if await request.is_disconnected():
                break
            if any(Path(p).resolve() == target for _, p in changes) and target.is_file():
                version = version_of(target.read_bytes())
                yield f"event: changed\ndata: {json.dumps({'version': version})}\n\n"
            else:
                yield ": still here\n\n"


def _document(path: Path, fmt: str, summary: bool) -> bytes:
    from planforge.render.run import document_context, render_document

    data = render_document(document_context(path, summary), fmt)
    return data.encode("utf-8") if isinstance(data, str) else data


def _at(loc: list[Any], message: str) -> dict[str, Any]:
    return {"path": loc, "line": None, "col": None, "severity": "error", "message": message}


def _refusal(message: str, findings: list[dict[str, Any]]) -> dict[str, Any]:
    """A refused write: the first problem says why (the file's path is on the page)."""
    if findings:
        message = str(findings[0]["message"])
    return {"refused": True, "error": message, "findings": findings}


def _located(exc: Any, text: str) -> list[dict[str, Any]]:
    """The problems of a refused text, each at the field its line and column point to."""
    from planforge.errors import InputError, Problem
    from planforge.load import parse
    from planforge.serve.state import finding

    try:
        node = parse(text).node
    except InputError:
        node = None
    problems = exc.problems or [Problem(exc.message)]
    return [finding(p, node) for p in problems]
