"""A server login's password, found where publication.yaml says: in an environment
variable, or printed by a command (a password manager's). Never in the file itself,
which is committed (fields.SECRET refuses a `password:` key).
"""
from __future__ import annotations

import os
import shlex
import subprocess

from ..errors import DispatchError

COMMAND_TIMEOUT = 60        # seconds: a password manager may ask for its own passphrase


def login_password(where: str, env: str, command: str) -> str | None:
    """The password named at `where` ("send.smtp"); None when neither way is set (no login)."""
    if env:
        value = os.environ.get(env, "")
        if not value:
            raise DispatchError(f"{where}.password_env names the environment variable {env}, which is "
                                f"not set: set it in the shell that runs bulletin (read -s {env}; "
                                f"export {env}), or use password_command")
        return value
    if command:
        return _printed_by(where, command)
    return None


def _printed_by(where: str, command: str) -> str:
    """The first line the command prints. Run without a shell: what is written is what runs."""
    try:
        result = subprocess.run(shlex.split(command), capture_output=True, text=True,
                                timeout=COMMAND_TIMEOUT, stdin=subprocess.DEVNULL)
    except (OSError, ValueError, subprocess.TimeoutExpired) as err:
        raise DispatchError(f"{where}.password_command could not run `{command}`: {err}") from None
    if result.returncode or not result.stdout.strip():
        said = result.stderr.strip().splitlines()[-1:] or ["it printed nothing"]
        raise DispatchError(f"{where}.password_command `{command}` gave no password "
                            f"(exit status {result.returncode}: {said[0]})")
    return result.stdout.splitlines()[0]
