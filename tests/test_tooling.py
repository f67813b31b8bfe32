"""Build tooling stays apart (course code never imports it) and cannot destroy work (issue #10 §3)."""

from __future__ import annotations

import ast
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.tooling import build, outdir

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "helpers"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_course_code_never_imports_tooling() -> None:
    offenders = []
    for path in sorted(HELPERS.rglob("*.py")):
        if (HELPERS / "tooling") in path.parents:
            continue
        bad = sorted(name for name in _imports(path) if name.split(".")[:2] == ["helpers", "tooling"])
        if bad:
            offenders.append(f"{path.relative_to(ROOT)} imports {bad}")
    notebooks = []
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        if "helpers.tooling" in code:  # prose may name the commands (python -m helpers.tooling ...); code may not
            notebooks.append(nb.name)
    assert not offenders and not notebooks, f"course code imports the build tooling: {offenders} {notebooks}"


def test_the_old_flat_modules_are_gone() -> None:
    for name in ("build.py", "export.py", "dashboards.py", "export_templates", "jupyter"):
        assert not (HELPERS / name).exists(), f"helpers/{name} belongs in helpers/tooling/"


# ---------------------------------------------------------------------------------------- output folders
def test_a_new_or_empty_folder_is_used_and_marked(tmp_path: Path) -> None:
    for out in (tmp_path / "new" / "html", tmp_path / "empty"):
        if out.name == "empty":
            out.mkdir()
        assert outdir.prepare_output_dir(out) == out
        assert (out / outdir.MARKER).is_file()


def test_a_folder_the_build_wrote_is_emptied(tmp_path: Path) -> None:
    with outdir.output_dir(tmp_path / "html") as out:
        (out / "old.html").write_text("x")
        (out / "sub").mkdir()
        (out / "sub" / "f").write_text("y")
    outdir.prepare_output_dir(out)
    assert sorted(p.name for p in out.iterdir()) == [outdir.MARKER]


def _built(tmp_path: Path) -> Path:
    with outdir.output_dir(tmp_path / "html", "--out") as out:
        (out / "index.html").write_text("built")
        (out / "pages").mkdir()
        (out / "pages" / "a.html").write_text("built")
    return out


@pytest.mark.parametrize("mine", ["notes.txt", ".git/HEAD", "pages/notes.txt", ".hidden", "pages/.DS_Store"])
def test_a_file_saved_after_the_build_is_never_deleted(tmp_path: Path, mine: str) -> None:
    out = _built(tmp_path)
    (out / mine).parent.mkdir(parents=True, exist_ok=True)
    (out / mine).write_text("mine")
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    with pytest.raises(outdir.OutputFolderRefused, match="Nothing was deleted") as refused:
        outdir.prepare_output_dir(out, "--out")
    assert mine.split("/")[0] in str(refused.value), "the message names what is in the way"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert (out / mine).read_text() == "mine"


def test_a_folder_holding_only_hidden_entries_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "repo"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main")
    with pytest.raises(outdir.OutputFolderRefused, match="Nothing was deleted"):
        outdir.prepare_output_dir(out, "--out")
    assert not (out / outdir.MARKER).exists() and (out / ".git" / "HEAD").is_file()


def test_a_marker_without_a_list_protects_what_is_there(tmp_path: Path) -> None:
    out = tmp_path / "old"
    out.mkdir()
    (out / outdir.MARKER).write_text("This folder was written by the course's build ...\n")
    (out / "index.html").write_text("old build, or someone's file")
    with pytest.raises(outdir.OutputFolderRefused):
        outdir.prepare_output_dir(out)
    assert (out / "index.html").exists()


def test_a_link_that_leads_nowhere_is_refused_plainly(tmp_path: Path) -> None:
    dangling, loop = tmp_path / "dangling", tmp_path / "loop"
    dangling.symlink_to(tmp_path / "missing")
    loop.symlink_to(loop)
    with pytest.raises(outdir.OutputFolderRefused, match="does not exist"):
        outdir.prepare_output_dir(dangling, "--out")
    with pytest.raises(outdir.OutputFolderRefused, match="loop"):
        outdir.prepare_output_dir(loop, "--out")
    with pytest.raises(outdir.OutputFolderRefused, match="loop"):
        outdir.prepare_output_dir(loop / "html", "--out")
    for target in (dangling, loop):
        result = subprocess.run(
            [sys.executable, "-m", "helpers.tooling", "html", "--out", str(target)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert not (tmp_path / "missing").exists()


def test_a_folder_with_files_it_did_not_write_is_refused_and_kept(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "lesson.ipynb").write_text("precious")
    (out / "notes").mkdir()
    (out / "notes" / "a.txt").write_text("also precious")
    with pytest.raises(outdir.OutputFolderRefused, match="Nothing was deleted"):
        outdir.prepare_output_dir(out, "--out")
    assert (out / "lesson.ipynb").read_text() == "precious"
    assert (out / "notes" / "a.txt").read_text() == "also precious"
    assert not (out / outdir.MARKER).exists()


@pytest.mark.parametrize("target", ["notebooks", ".", "helpers", ".."])
def test_the_command_refuses_the_course_folders_and_deletes_nothing(target: str) -> None:
    before = sorted(p.name for p in (ROOT / target).iterdir())
    out = subprocess.run(
        [sys.executable, "-m", "helpers.tooling", "html", "--out", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Nothing was deleted" in out.stderr and "Traceback" not in out.stderr, out.stderr
    assert sorted(p.name for p in (ROOT / target).iterdir()) == before


def test_a_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    with pytest.raises(outdir.OutputFolderRefused, match="file"):
        outdir.prepare_output_dir(path)
    assert path.read_text() == "x"


# ---------------------------------------------------------------------------------------------- addresses
def test_the_default_address_is_local_and_silent() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert build.check_host("127.0.0.1", port) == ""


def test_another_address_says_the_token_is_the_only_protection() -> None:
    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        port = sock.getsockname()[1]
    warning = build.check_host("0.0.0.0", port)
    assert "token" in warning and "only protection" in warning


@pytest.mark.parametrize("host", ["999.1.1.1", "no such host", "", "10.255.255.254"])
def test_make_present_with_a_bad_host_says_one_plain_sentence(host: str) -> None:
    out = subprocess.run(
        ["make", "--no-print-directory", "present", f"HOST={host}", "PORT=8765", "ALLOW_ROOT=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode != 0
    assert "Traceback" not in out.stdout + out.stderr, out.stderr
    said = [line for line in out.stderr.splitlines() if not line.startswith("make")]
    assert len(said) == 1 and "127.0.0.1" in said[0], out.stderr


def test_make_lab_with_a_bad_host_says_one_plain_sentence() -> None:
    out = subprocess.run(
        ["make", "--no-print-directory", "lab", "HOST=no such host", "ALLOW_ROOT=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode != 0
    assert "Traceback" not in out.stdout + out.stderr and "is not an address" in out.stderr, out.stderr


@pytest.mark.parametrize("target", ["lab", "present"])
def test_a_quote_in_host_cannot_run_shell_code(tmp_path: Path, target: str) -> None:
    witness = tmp_path / "ran"
    host = f"x'; touch {witness}; echo '$$(touch {witness})"
    out = subprocess.run(
        ["make", "--no-print-directory", target, f"HOST={host}", f"PORT=1'; touch {witness}; '", "ALLOW_ROOT=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode != 0 and "Traceback" not in out.stderr, out.stderr
    assert not witness.exists(), "text in HOST= or PORT= ran as a shell command"


def test_make_html_passes_out_to_the_build(tmp_path: Path) -> None:
    link = tmp_path / "it's a link"
    link.symlink_to(tmp_path / "missing")
    out = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.stamp-run", "html", f"OUT={link}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode != 0 and str(link) in out.stderr and "does not exist" in out.stderr, out.stderr
    assert not (ROOT / "build" / "html" / "it's a link").exists()


def test_a_bad_port_is_refused() -> None:
    with pytest.raises(build.HostRefused, match="PORT"):
        build.check_host("127.0.0.1", 0)


def test_colours_are_declared_in_style_only() -> None:
    """Every hex colour of the course's code is declared once, in helpers/style.py."""
    import re

    colour = re.compile(r"#[0-9A-Fa-f]{6}\b")
    found = []
    for path in sorted(HELPERS.rglob("*.py")):
        if path.name == "style.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if colour.search(line) and "such as '#" not in line:  # an error message's example is not a colour
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "use a colour from helpers/style.py:\n" + "\n".join(found)


@pytest.mark.parametrize("builder", ["kit", "lab-extensions", "dashboards"])
def test_every_builder_runs_twice_into_its_folder_and_keeps_a_file_it_did_not_write(
    builder: str, tmp_path: Path
) -> None:
    """Each build lists what it wrote (outdir.record_output), so its next run may clear exactly that: running it
    twice works, and a file saved there in between makes the next run refuse, deleting nothing."""
    from helpers.tooling import dashboards, kit

    build = {
        "kit": kit.write_kit,
        "lab-extensions": dashboards.patch_anywidget,
        "dashboards": dashboards.write_dashboards,
    }[builder]
    out = tmp_path / "out"
    build(out)
    build(out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match=r"notes\.txt"):
        build(out)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
