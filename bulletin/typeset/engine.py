"""WeasyPrint, imported with its C declarations compiled once per environment.

WeasyPrint declares the Pango, HarfBuzz and fontconfig functions it calls as C
source, which cffi parses with pycparser on every import: the largest part of
importing WeasyPrint, paid by each process that lays pages out. cffi's out-of-line
ABI mode compiles the same declarations once into a small Python module, kept
with the environment like the press profiles. While WeasyPrint is imported,
its `cffi.FFI()` is handed that compiled object, whose `cdef()` has nothing
left to do. The PDFs are the same, byte for byte.

`python -m bulletin.typeset.engine` compiles it at set-up; a process that finds it
missing or out of date compiles it then. Where it cannot be written,
WeasyPrint is imported as usual.
"""
from __future__ import annotations

import ast
import contextlib
import hashlib
import importlib.util
import io
import logging
import sys
import tempfile
from pathlib import Path

import _cffi_backend
import cffi

from ..files import write_atomically

log = logging.getLogger("bulletin.engine")

# The two lines of cffi's generated module rewritten once, when it is compiled, so
# that it makes a CompiledFFI (given when it is run) instead of cffi's own FFI.
_IMPORT_LINE = "import _cffi_backend\n"
_CONSTRUCTOR = "_cffi_backend.FFI("
_FORMAT = b"2"               # bumped when what is written changes, so it is compiled again


def import_weasyprint():
    """The `weasyprint` module, imported the fast way when it is not yet."""
    if "weasyprint" not in sys.modules:
        compiled = _compiled_or_none()
        # Imported here, not at the top: the point of this module is how it is imported.
        if compiled is None:
            import weasyprint  # (the plain way)
        else:
            with _handing_out(compiled):
                import weasyprint  # noqa: F401
    return sys.modules["weasyprint"]


def compiled_dir() -> Path:
    return Path(sys.prefix) / "share" / "bulletin" / "cffi"


def compiled_path() -> Path:
    """Named by what it was compiled from: WeasyPrint's declarations and cffi's version."""
    key = hashlib.sha256(_declarations_file().read_bytes() + cffi.__version__.encode()
                         + _FORMAT).hexdigest()
    return compiled_dir() / f"weasyprint-ffi-{key[:16]}.py"


def compile_declarations(target: Path) -> None:
    """Parse WeasyPrint's declarations once and write cffi's compiled module of them."""
    declarations = _declarations_file()
    tree = ast.parse(declarations.read_text(encoding="utf-8"))
    sources = [node.args[0].value for node in ast.walk(tree)
               if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "cdef"
               and isinstance(node.args[0], ast.Constant)]
    if len(sources) != 1:
        raise RuntimeError(f"expected one ffi.cdef() in {declarations}, found {len(sources)}")
    builder = cffi.FFI()
    builder.cdef(sources[0])
    builder.set_source("weasyprint_ffi", None)          # None: ABI mode, no C compiler
    with tempfile.TemporaryDirectory() as work:
        emitted = Path(work) / "weasyprint_ffi.py"
        with contextlib.redirect_stdout(io.StringIO()):      # cffi says "generating ..."
            builder.emit_python_code(str(emitted))
        code = emitted.read_text(encoding="utf-8")
    if code.count(_IMPORT_LINE) != 1 or code.count(_CONSTRUCTOR) != 1:
        raise RuntimeError("cffi's generated module has an unexpected shape")
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, code.replace(_IMPORT_LINE, "").replace(_CONSTRUCTOR, "CompiledFFI("))


def _declarations_file() -> Path:
    """weasyprint/text/ffi.py, found without importing WeasyPrint."""
    spec = importlib.util.find_spec("weasyprint")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("WeasyPrint is not installed")
    return Path(spec.submodule_search_locations[0]) / "text" / "ffi.py"


def _compiled_or_none():
    """The compiled FFI object, compiling it first if needed; None if that fails."""
    try:
        path = compiled_path()
        if not path.is_file():
            compile_declarations(path)
        return _load(path)
    except Exception as error:      # noqa: BLE001  the plain import still works
        log.debug("engine: importing WeasyPrint without compiled declarations (%s)", error)
        return None


def _load(path: Path):
    """Run the compiled module, giving it an FFI class that accepts cdef()."""

    class CompiledFFI(_cffi_backend.FFI):
        def cdef(self, *args, **kwargs) -> None:
            """Already compiled from the very declarations WeasyPrint passes."""

    namespace = {"CompiledFFI": CompiledFFI}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace["ffi"]


@contextlib.contextmanager
def _handing_out(compiled):
    """`cffi.FFI()` returns `compiled` to weasyprint/text/ffi.py, a new FFI to any other caller."""
    plain = cffi.FFI

    def ffi_for_caller(*args, **kwargs):
        if sys._getframe(1).f_globals.get("__name__") == "weasyprint.text.ffi":
            return compiled
        return plain(*args, **kwargs)
    cffi.FFI = ffi_for_caller
    try:
        yield
    finally:
        cffi.FFI = plain


def main() -> int:
    """Set-up: compile now, so that no build pays for it. A failure costs speed only."""
    try:
        path = compiled_path()
        compile_declarations(path)
    except Exception as error:      # noqa: BLE001
        print(f"bulletin: warning: WeasyPrint's C declarations not compiled ({error}); "
              "it will be imported the slower way", file=sys.stderr)
        return 0
    print(f"compiled WeasyPrint's C declarations into {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
