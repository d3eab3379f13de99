"""A real SMTP server on a local port for tests whose mail is sent by another process (an
`rqworker`): it either speaks just enough SMTP to accept messages, or accepts the connection and
never answers, like a mail server that hangs."""

from __future__ import annotations

import socketserver
import threading
from email import message_from_string
from email.message import Message


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        server: SMTPServer = self.server.owner
        server.connected.set()
        if server.hanging:
            server.unhang.wait(300)  # no greeting: the client waits for it until its timeout
            return
        self.wfile.write(b"220 peercert-test ESMTP\r\n")
        in_data, lines = False, []
        for raw in self.rfile:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if in_data:
                if line == ".":
                    in_data = False
                    server.messages.append(message_from_string("\n".join(lines)))
                    lines = []
                    self.wfile.write(b"250 queued\r\n")
                else:
                    lines.append(line[1:] if line.startswith("..") else line)
                continue
            verb = line[:4].upper()
            if verb == "DATA":
                in_data = True
                self.wfile.write(b"354 go ahead\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:  # EHLO, HELO, MAIL, RCPT, RSET, NOOP
                self.wfile.write(b"250 ok\r\n")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SMTPServer:
    def __init__(self, *, hanging: bool = False):
        self.hanging = hanging
        self.connected = threading.Event()
        self.unhang = threading.Event()
        self.messages: list[Message] = []
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        # shutdown() returns once serve_forever next looks at its stop flag, which it does every
        # poll_interval: at the default 0.5 s each server took half a second to close.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> SMTPServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.unhang.set()
        self._server.shutdown()
        self._server.server_close()
