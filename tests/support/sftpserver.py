"""A real SFTP server on 127.0.0.1 (asyncssh) for `bulletin deliver --sftp`'s tests: its own
host key, a password login, a folder as its root, and a connection dropped mid-upload on demand."""
from __future__ import annotations

import asyncio
import socket
import threading
from pathlib import Path

import asyncssh

USER, PASSWORD = "printshop", "ink and paper"


class SftpServer:
    """`with SftpServer(root) as server:` ... files land in `root`; `server.host_key` to pin."""

    def __init__(self, root: Path, drop_after_bytes: int = 0):
        self.root = root
        self.drop_after_bytes = drop_after_bytes       # 0: never; else cut the connection once past it
        self.key = asyncssh.generate_private_key("ssh-ed25519")
        self.host_key = self.key.export_public_key().decode().strip()
        self.port = _free_port()
        self.written = 0
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.acceptor: asyncssh.SSHAcceptor | None = None

    def __enter__(self) -> SftpServer:
        self.thread.start()
        self.acceptor = asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=10)
        return self

    def __exit__(self, *exc) -> None:
        if self.acceptor is not None:
            self.loop.call_soon_threadsafe(self.acceptor.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)

    async def _start(self) -> asyncssh.SSHAcceptor:
        server = self

        class Sftp(asyncssh.SFTPServer):
            def __init__(self, chan):
                super().__init__(chan, chroot=str(server.root).encode())

            def write(self, file_obj, offset, data):
                server.written += len(data)
                if server.drop_after_bytes and server.written > server.drop_after_bytes:
                    server.drop_after_bytes = 0                  # once: the next run gets through
                    self.connection.abort()
                    return 0
                return super().write(file_obj, offset, data)

        return await asyncssh.create_server(_Login, "127.0.0.1", self.port, server_host_keys=[self.key],
                                            sftp_factory=Sftp, allow_scp=False)


class _Login(asyncssh.SSHServer):
    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        return (username, password) == (USER, PASSWORD)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
