"""`bulletin deliver --sftp`: the package uploaded to the print shop's server.

The server must show the host key pinned in publication.yaml (deliver.sftp.host_key),
whatever its name resolves to; no other key, no known_hosts file, no SSH agent or
config of the machine is used. Each file goes to a temporary name, is checked by its
size, and only then renamed to its own: the shop never sees half a file under a final
name. A version already uploaded is not uploaded again.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import posixpath
from pathlib import Path

import asyncssh

from ..content.model import SftpServer
from ..errors import DispatchError
from ..files import write_atomically
from .deliver import Package
from .secrets import login_password

TIMEOUT = 60.0                    # seconds to connect and log in


def upload(package: Package) -> str:
    """Upload the package's zip and note; what was done, for the user."""
    server = package.issue.publication.delivery.sftp
    if server is None:
        raise DispatchError("publication.yaml has no deliver.sftp settings (host, user, host_key): "
                            "see the README, Delivering to the print shop")
    record = json.loads(package.record.read_text(encoding="utf-8"))
    entry = next(v for v in record["versions"] if v["version"] == package.version)
    where = f"{server.host}:{posixpath.join(server.folder or '.', package.zip.name)}"
    if entry.get("uploaded"):
        done = entry["uploaded"]
        changed = "" if done.get("sha256") == package.sha256 else (
            "; the zip has changed since (the job ticket: tell the shop, the covering note lists it)")
        return f"{'upload':<9} version {package.version} was delivered to {done['to']} on {done['at']}: " \
               f"not uploaded again{changed}"
    password = login_password("deliver.sftp", server.password_env, server.password_command)
    try:
        asyncio.run(_upload(server, password, [package.zip, package.note]))
    except asyncssh.HostKeyNotVerifiable:
        raise DispatchError(f"{server.host}:{server.port} did not show the host key pinned in publication.yaml "
                            "(deliver.sftp.host_key): nothing was uploaded. If the print shop has changed its "
                            "key, ask them for the new one (ssh-keyscan) and pin it") from None
    except asyncssh.PermissionDenied:
        raise DispatchError(f"{server.host}:{server.port} refused the login of {server.user}: check "
                            "deliver.sftp.user and its key_file or password") from None
    except (asyncssh.Error, OSError) as err:
        raise DispatchError(f"the upload to {server.host}:{server.port} was cut off ({type(err).__name__}: "
                            f"{err}): nothing is under its final name there; run bulletin deliver --sftp "
                            "again") from None
    entry["uploaded"] = {"to": where, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                         "sha256": package.sha256}
    write_atomically(package.record, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    return f"{'upload':<9} {package.zip.name} and its note to {where}"


async def _upload(server: SftpServer, password: str | None, files: list[Path]) -> None:
    pinned = asyncssh.import_public_key(server.host_key)
    keys = [str(Path(server.key_file).expanduser())] if server.key_file else None
    async with asyncssh.connect(server.host, server.port, username=server.user, password=password,
                                known_hosts=([pinned], [], []), client_keys=keys, agent_path=None, config=None,
                                connect_timeout=TIMEOUT, login_timeout=TIMEOUT) as connection, \
            connection.start_sftp_client() as sftp:
        for local in files:
            await _put(sftp, local, posixpath.join(server.folder or ".", local.name))


async def _put(sftp: asyncssh.SFTPClient, local: Path, remote: str) -> None:
    size = local.stat().st_size
    if await sftp.exists(remote):
        if (await sftp.stat(remote)).size == size:
            return                # put there by a run that stopped before recording it
        raise DispatchError(f"{remote} on the print shop's server is another file of the same name: "
                            "nothing was replaced; ask the shop before sending it again")
    temporary = posixpath.join(posixpath.dirname(remote), f".{posixpath.basename(remote)}.part")
    await sftp.put(str(local), temporary)
    if (await sftp.stat(temporary)).size != size:
        raise DispatchError(f"{temporary} on the server is not the whole file: run bulletin deliver --sftp again")
    await sftp.posix_rename(temporary, remote)
