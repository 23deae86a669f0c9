"""Real services on loopback for the tests: moto's S3 server and static HTTP servers.

``S3Server`` can be stopped and started again; ``faulty_http_server`` fails on demand.
"""

from __future__ import annotations

import functools
import io
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def s3_server() -> Iterator[str]:
    """Run moto's S3 server on 127.0.0.1; yield its endpoint URL."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


class _RangeHandler(SimpleHTTPRequestHandler):
    """Static files with directory listings and byte ranges, as real web servers serve them."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        spec = self.headers.get("Range", "")
        path = Path(self.translate_path(self.path))
        if not spec.startswith("bytes=") or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        first, _, last = spec.removeprefix("bytes=").partition("-")
        start = int(first) if first else max(size - int(last), 0)
        end = min(int(last), size - 1) if first and last else size - 1
        data = path.read_bytes()[start : end + 1]
        self.send_response(206)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return io.BytesIO(data)


@contextmanager
def http_server(directory: Path) -> Iterator[str]:
    """Serve a folder (with directory listings) on 127.0.0.1; yield its base URL."""
    handler = functools.partial(_RangeHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class S3Server:
    """moto's S3 server on a fixed loopback port that a test can stop and start again.

    moto keeps its buckets in the process, so what was put in is there again after a restart.
    """

    def __init__(self) -> None:
        from moto.server import ThreadedMotoServer

        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.running = False

    def start(self) -> None:
        from moto.server import ThreadedMotoServer

        if not self.running:
            self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
            self._server.start()
            self.running = True

    def stop(self) -> None:
        if self.running:
            self._server.stop()
            self.running = False


class FaultyHandler(_RangeHandler):
    """Serves like ``_RangeHandler`` until the server's ``fault`` is set.

    ``fault = "500"`` answers every request with an internal server error; ``fault = "cut"``
    sends the headers of a full answer, then half of the body, then closes the connection.
    """

    def send_head(self):  # type: ignore[no-untyped-def]
        fault = getattr(self.server, "fault", None)
        if fault == "500":
            self.send_error(500, "Internal Server Error")
            return None
        body = super().send_head()  # type: ignore[no-untyped-call]
        if fault == "cut" and body is not None:
            data = body.read()
            body.close()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return None
        return body


class FaultyHTTPServer(ThreadingHTTPServer):
    """A ``ThreadingHTTPServer`` with a settable ``fault`` (None, ``"500"`` or ``"cut"``)."""

    fault: str | None = None
    url: str = ""


@contextmanager
def faulty_http_server(directory: Path) -> Iterator[FaultyHTTPServer]:
    """Serve a folder on 127.0.0.1 with faults on demand; yield the server (``server.url``)."""
    handler = functools.partial(FaultyHandler, directory=str(directory))
    server = FaultyHTTPServer(("127.0.0.1", 0), handler)
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
