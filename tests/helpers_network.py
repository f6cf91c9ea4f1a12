"""A network jail and a misbehaving local server for download tests.

:func:`jail_child_network` makes every Python child process started by the
test (the download child) load a ``sitecustomize`` module that

* refuses every connection that is not to 127.0.0.1 (so no test can reach
  the internet, whatever the machine's network), and
* depending on ``mode``: fails every name lookup (``"dns-fail"``), pretends
  names resolve but no route exists (``"unreachable"``), or sends nilearn's
  ``https://www.nitrc.org/...`` requests to a local plain-HTTP server
  (``"redirect"``) with short timeouts.

:class:`LocalServer` is that server: a ``http.server`` on 127.0.0.1 whose
behaviour (``ok``, ``500``, ``cut``, ``hang``, ``slow``) the test picks.
"""

from __future__ import annotations

import http.server
import io
import os
import tarfile
import threading
import time
from pathlib import Path

SITECUSTOMIZE = r'''
import errno, os, socket

_mode = os.environ.get("BRAIN_TEST_NET", "")
if _mode:
    _getaddrinfo, _connect = socket.getaddrinfo, socket.socket.connect

    def _fake_getaddrinfo(host, port, *args, **kwargs):
        if host in ("127.0.0.1", "localhost"):
            return _getaddrinfo("127.0.0.1", port, *args, **kwargs)
        if _mode == "unreachable":  # "resolves" to a documentation address, never a real lookup
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.0.2.1", port or 443))]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    def _local_connect(self, address):
        if isinstance(address, tuple) and address[0] != "127.0.0.1":
            raise OSError(errno.ENETUNREACH, "Network is unreachable")
        return _connect(self, address)

    socket.getaddrinfo = _fake_getaddrinfo
    socket.socket.connect = _local_connect

    if _mode == "redirect":
        import requests

        _send = requests.Session.send
        _base = "http://127.0.0.1:" + os.environ["BRAIN_TEST_PORT"] + "/"

        def _redirected(self, request, **kwargs):
            if request.url.startswith("https://www.nitrc.org/"):
                request.url = _base + request.url.split("/", 3)[3]
            kwargs["timeout"] = (5, float(os.environ.get("BRAIN_TEST_READ_TIMEOUT", "30")))
            return _send(self, request, **kwargs)

        requests.Session.send = _redirected

    if os.environ.get("BRAIN_TEST_DISK_FULL"):
        import builtins, io

        _open = io.open

        class _Full:
            def __init__(self, fh):
                self._fh = fh

            def write(self, data):
                raise OSError(errno.ENOSPC, "No space left on device")

            def __getattr__(self, name):
                return getattr(self._fh, name)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self._fh.close()

        def _full_open(file, mode="r", *args, **kwargs):
            fh = _open(file, mode, *args, **kwargs)
            return _Full(fh) if ("w" in mode or "a" in mode) and str(file).endswith(".part") else fh

        io.open = builtins.open = _full_open
'''


def jail_env(folder: Path, mode: str, port: int | None = None, base=None, **extra: str) -> dict[str, str]:
    """An environment whose Python children load the network jail (see the module docstring).

    Parameters
    ----------
    folder : Path
        Where ``sitecustomize.py`` is written.
    mode : {"dns-fail", "unreachable", "redirect"}
    port : int, optional
        The :class:`LocalServer` port (``"redirect"`` only).
    base : mapping, optional
        The environment to extend (default ``os.environ``).
    **extra : str
        More variables, e.g. ``BRAIN_TEST_DISK_FULL="1"``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = dict(os.environ if base is None else base)
    for var in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        env.pop(var, None)
    env.update(PYTHONPATH=str(folder), BRAIN_TEST_NET=mode, NO_PROXY="*", **extra)
    if port is not None:
        env["BRAIN_TEST_PORT"] = str(port)
    return env


def jail_child_network(monkeypatch, folder: Path, mode: str, port: int | None = None, **extra: str) -> None:
    """Make Python children started after this call (until the test ends) load the network jail."""
    env = jail_env(folder, mode, port, **extra)
    for var in set(os.environ) - set(env):
        monkeypatch.delenv(var)
    for var, value in env.items():
        if os.environ.get(var) != value:
            monkeypatch.setenv(var, value)


def harvard_oxford_archive(layout_dir: Path) -> bytes:
    """``HarvardOxford.tgz`` as nitrc serves it (``data/atlases/...``), from a generated layout."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        tar.add(layout_dir / "fsl" / "data", arcname="data")
    return buffer.getvalue()


class LocalServer:
    """An HTTP server on 127.0.0.1 that misbehaves on request.

    Parameters
    ----------
    behaviour : {"ok", "500", "cut", "hang", "slow"}
        ``ok`` serves ``body``; ``500`` answers Internal Server Error; ``cut``
        promises ``len(body)`` bytes, sends a tenth and closes; ``hang``
        accepts and never answers; ``slow`` sends ``body`` in small pieces
        over a few seconds.
    body : bytes
    """

    def __init__(self, behaviour: str, body: bytes = b"x" * 200_000):
        self.behaviour, self.body = behaviour, body
        self.requests: list[str] = []
        self.sending = threading.Event()   # set once part of a body went out
        self._stop = threading.Event()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append(self.path)
                server._answer(self)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def _answer(self, handler) -> None:
        if self.behaviour == "500":
            handler.send_error(500, "Internal Server Error")
            return
        if self.behaviour == "hang":
            self._stop.wait(60)
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "application/x-gzip")
        handler.send_header("Content-Length", str(len(self.body)))
        handler.end_headers()
        if self.behaviour == "ok":
            handler.wfile.write(self.body)
        elif self.behaviour == "cut":
            handler.wfile.write(self.body[: len(self.body) // 10])
            handler.wfile.flush()
            self.sending.set()
            handler.close_connection = True
        elif self.behaviour == "slow":
            for start in range(0, len(self.body), 2048):
                if self._stop.is_set():
                    return
                try:
                    handler.wfile.write(self.body[start:start + 2048])
                    handler.wfile.flush()
                except OSError:
                    return
                self.sending.set()
                time.sleep(0.05)

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
