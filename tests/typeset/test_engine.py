"""WeasyPrint imported with its C declarations compiled once (bulletin.engine).

Each case runs in a fresh interpreter: this one has imported WeasyPrint already.
"""
import subprocess
import sys
import textwrap

import pytest

from bulletin.typeset import engine

pytestmark = pytest.mark.slow     # builds PDFs end to end (left out by make test-fast)

# Runs in a fresh interpreter: arg 1 is where compiled declarations go, arg 2 "engine" or
# "plain", arg 3 a PDF to write. Prints the class of WeasyPrint's FFI object.
SCRIPT = textwrap.dedent("""\
    import sys
    from pathlib import Path
    from bulletin.typeset import engine
    engine.compiled_dir = lambda: Path(sys.argv[1])
    if sys.argv[2] == "engine":
        weasyprint = engine.import_weasyprint()
    else:
        import weasyprint
    weasyprint.HTML(string=sys.argv[4]).write_pdf(sys.argv[3])
    from weasyprint.text.ffi import ffi
    print(type(ffi).__name__)
    """)

PAGE = ("<html lang=ru><style>@page { size: A6 } p { font: 11pt serif; text-align: justify; "
        "hyphens: auto }</style><h1>Вехи · Milestones</h1><p>" + "Қазақстан, Кыргызстан "
        "(Ңң Өө Үү), Тоҷикистон (Ҷҷ Ӣӣ). " * 20 + "<b>bold</b> <a href='https://unodc.org'>link</a>")


def run(compiled_dir, how, pdf):
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(compiled_dir), how, str(pdf), PAGE],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip(), done.stderr


def test_weasyprint_gets_the_compiled_declarations_and_writes_the_same_pdf(tmp_path):
    compiled, stderr = run(tmp_path / "cffi", "engine", tmp_path / "engine.pdf")
    plain, _ = run(tmp_path / "cffi", "plain", tmp_path / "plain.pdf")
    assert compiled == "CompiledFFI" and plain == "FFI"
    assert len(list((tmp_path / "cffi").glob("weasyprint-ffi-*.py"))) == 1
    assert stderr == ""                     # nothing said while compiling
    assert (tmp_path / "engine.pdf").read_bytes() == (tmp_path / "plain.pdf").read_bytes()


def test_the_compiled_module_is_reused(tmp_path):
    run(tmp_path / "cffi", "engine", tmp_path / "first.pdf")
    [module] = (tmp_path / "cffi").glob("weasyprint-ffi-*.py")
    before = module.stat().st_mtime_ns
    assert run(tmp_path / "cffi", "engine", tmp_path / "second.pdf")[0] == "CompiledFFI"
    assert module.stat().st_mtime_ns == before


def test_a_folder_that_cannot_be_written_falls_back_to_the_plain_import(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert run(blocker / "cffi", "engine", tmp_path / "out.pdf")[0] == "FFI"
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_the_name_follows_weasyprints_declarations(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "compiled_dir", lambda: tmp_path)
    shipped = engine.compiled_path()
    changed = tmp_path / "ffi.py"
    changed.write_text(engine._declarations_file().read_text() + "\n# another release\n")
    monkeypatch.setattr(engine, "_declarations_file", lambda: changed)
    assert engine.compiled_path() != shipped


def test_only_weasyprints_ffi_module_is_handed_the_compiled_object():
    import cffi
    compiled = object()
    with engine._handing_out(compiled):
        assert isinstance(cffi.FFI(), cffi.api.FFI)            # any other caller: a new FFI
        namespace = {"__name__": "weasyprint.text.ffi", "cffi": cffi}
        exec("ffi = cffi.FFI()", namespace)
        assert namespace["ffi"] is compiled
    assert cffi.FFI is cffi.api.FFI


@pytest.mark.parametrize("shape", ["import _cffi_backend\n", "_cffi_backend.FFI("])
def test_an_unexpected_generated_module_is_not_kept(tmp_path, monkeypatch, shape):
    import cffi
    real_emit = cffi.FFI.emit_python_code

    def emit_twice(self, filename):
        real_emit(self, filename)
        with open(filename, "a") as handle:
            handle.write(shape)
    monkeypatch.setattr(cffi.FFI, "emit_python_code", emit_twice)
    with pytest.raises(RuntimeError, match="unexpected shape"):
        engine.compile_declarations(tmp_path / "weasyprint-ffi-x.py")
    assert list(tmp_path.iterdir()) == []


def test_set_up_warns_and_goes_on_when_it_cannot_compile(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(engine, "compiled_dir", lambda: blocker / "cffi")
    assert engine.main() == 0
    assert "imported the slower way" in capsys.readouterr().err


def test_set_up_compiles(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(engine, "compiled_dir", lambda: tmp_path)
    assert engine.main() == 0
    assert engine.compiled_path().is_file()
    assert str(engine.compiled_path()) in capsys.readouterr().out
