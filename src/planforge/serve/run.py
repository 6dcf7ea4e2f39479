"""Start the server: check the target, bind the socket, print the address, run uvicorn."""

from __future__ import annotations

import asyncio
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planforge.errors import InputError, UsageError

LOCAL = "127.0.0.1"
INSTALL_HINT = "install it with: pip install 'planforge[serve]'"


@dataclass(frozen=True, kw_only=True)
class ServeOptions:
    target: Path
    port: int = 8765
    host: str = LOCAL
    open_browser: bool = False


def require_stack() -> None:
    """Starlette, uvicorn and watchfiles, or say how to install them."""
    import importlib.util

    missing = [m for m in ("starlette", "uvicorn", "watchfiles") if not importlib.util.find_spec(m)]
    if missing:
        raise UsageError(
            f"planforge serve needs {', '.join(missing)}, which are not installed",
            hint=INSTALL_HINT,
        )


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on `host`:`port`, or a clear error (a port in use, a bad address)."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: expected a port number from 0 to 65535")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UsageError(
            f"--host {host}: not an address of this machine ({exc.strerror})"
        ) from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise UsageError(
            f"cannot listen on {host}:{port}: {exc.strerror}",
            hint="another program may use the port; choose another with --port",
        ) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def run_serve(opts: ServeOptions) -> int:
    from planforge.serve.workspace import SUFFIXES, Workspace

    target = opts.target
    if not target.exists():
        raise InputError(f"{target}: no such file or folder")
    if target.is_file() and target.suffix.lower() not in SUFFIXES:
        raise UsageError(f"{target}: expected a plan file (*.yaml, *.yml) or a folder")
    require_stack()
    from planforge.serve.app import ServeConfig, allowed_hosts, create_app

    sock = bind(opts.host, opts.port)
    port = sock.getsockname()[1]
    remote = opts.host not in (LOCAL, "localhost")
    config = ServeConfig(
        Workspace.for_target(target), allowed_hosts(opts.host, port), require_token=remote
    )
    shown = f"[{opts.host}]" if ":" in opts.host else opts.host
    url = f"http://{shown}:{port}/"
    if remote:
        url += f"?token={config.token}"
        sys.stderr.write(
            f"access token: {config.token}\n"
            "every request must carry it; share the address below only with who may edit\n"
        )
    sys.stderr.write(f"planforge serve: {url}\n(Ctrl-C stops the server)\n")
    sys.stderr.flush()
    if opts.open_browser:
        import webbrowser

        webbrowser.open(url)
    _run_uvicorn(create_app(config), sock, config)
    return 0


def _run_uvicorn(app: Any, sock: socket.socket, config: Any) -> None:
    import uvicorn

    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2, lifespan="off")
    )

    async def main() -> None:
        config.stop = asyncio.Event()
        try:
            await server.serve(sockets=[sock])
        finally:
            config.stop.set()

    try:
        asyncio.run(main())
    finally:
        sock.close()


class Background:
    """The app served by uvicorn in a thread of this process, on 127.0.0.1 and a free
    port: for the in-browser test and the benchmark over HTTP."""

    def __init__(self, target: Path) -> None:
        import threading

        from planforge.serve.app import ServeConfig, allowed_hosts, create_app
        from planforge.serve.workspace import Workspace

        self.sock = bind(LOCAL, 0)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://{LOCAL}:{self.port}"
        self.config = ServeConfig(Workspace.for_target(target), allowed_hosts(LOCAL, self.port))
        import uvicorn

        self.server = uvicorn.Server(
            uvicorn.Config(
                create_app(self.config),
                log_level="warning",
                timeout_graceful_shutdown=1,
                lifespan="off",
            )
        )
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        async def main() -> None:
            self.config.stop = asyncio.Event()
            serving = asyncio.ensure_future(self.server.serve(sockets=[self.sock]))
            while not self.server.should_exit:
                await asyncio.sleep(0.05)
            self.config.stop.set()
            await serving

        asyncio.run(main())

    def __enter__(self) -> Background:
        import time

        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()
