"""The `policygraph` command's error paths: every mistake is one line on stderr and exit 1."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.graph.embedded import EmbeddedStore
from policygraph.graph.errors import StoreError

SCHEME = "某某市推进节水工作实施方案\n为贯彻落实有关部署，制定本方案。\n一、工作目标\n到2025年，城市公共供水管网漏损率控制在9%以内。\n"


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def _one_error_line(output: str) -> str:
    lines = [ln for ln in output.splitlines() if ln.strip()]
    assert len(lines) == 1, output
    assert lines[0].startswith("error:") and "Traceback" not in output
    return lines[0]


@pytest.mark.parametrize("command", [["stats"], ["export", "-o", "OUT"], ["serve", "--port", "1"]])
def test_reading_commands_refuse_a_missing_store_and_create_nothing(command, tmp_path: Path) -> None:
    store = tmp_path / "typo" / "store"
    args = [str(tmp_path / "g.json") if a == "OUT" else a for a in command]
    result = _run(*args, "--store", str(store))
    assert result.exit_code == 1
    assert "no PolicyGraph store here" in _one_error_line(result.output)
    assert not (tmp_path / "typo").exists()


def test_reading_commands_still_open_an_ingested_store(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "scheme.txt").write_text(SCHEME, encoding="utf-8")
    store = str(tmp_path / "store")
    assert _run("ingest", str(docs), "--store", store, "-q").exit_code == 0
    result = _run("stats", "--store", store)
    assert result.exit_code == 0 and "1 documents" in result.output


@pytest.mark.parametrize("command", [["stats"], ["ingest", "DOCS"]])
def test_a_store_path_that_is_a_file_is_one_line(command, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    afile = tmp_path / "afile"
    afile.write_text("x")
    args = [str(tmp_path / "docs") if a == "DOCS" else a for a in command]
    result = _run(*args, "--store", str(afile))
    assert result.exit_code == 1
    assert "is a file, not a store directory" in _one_error_line(result.output)


def test_ingesting_an_empty_folder_prints_the_reason_and_no_empty_table(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = _run("ingest", str(tmp_path / "empty"), "--store", str(tmp_path / "s"))
    assert result.exit_code == 1
    assert "no documents found" in _one_error_line(result.output)


def test_ingesting_a_missing_path_names_it_and_prints_no_empty_table(tmp_path: Path) -> None:
    result = _run("ingest", str(tmp_path / "missing"), "--store", str(tmp_path / "s"))
    assert result.exit_code == 1
    assert "missing: no such file or folder" in _one_error_line(result.output)


def test_unknown_export_format_is_one_line(tmp_path: Path) -> None:
    result = _run("export", "--format", "nope", "--store", str(tmp_path / "s"))
    assert result.exit_code == 1
    assert "unknown format 'nope'" in _one_error_line(result.output)


def test_embedded_store_without_create_refuses_an_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no PolicyGraph store here"):
        EmbeddedStore(tmp_path, create=False)
    assert list(tmp_path.iterdir()) == []
    EmbeddedStore(tmp_path).close()  # the default still creates
    EmbeddedStore(tmp_path, create=False).close()


def test_a_missing_path_with_brackets_is_printed_as_text(tmp_path: Path) -> None:
    result = _run("ingest", str(tmp_path / "[red]x[/red].txt"), "--store", str(tmp_path / "s"))
    assert result.exit_code == 1
    assert "[red]x[/red].txt: no such file or folder" in _one_error_line(result.output)


def test_exporting_into_a_pipe_that_closes_early_is_quiet(tmp_path: Path) -> None:
    import subprocess
    import sys

    store = str(tmp_path / "store")
    examples = Path(__file__).resolve().parent.parent / "examples"
    _run("ingest", str(examples), "--store", store, "-q")  # exports to ~100 kB, more than a pipe holds
    proc = subprocess.Popen([sys.executable, "-m", "policygraph.cli", "export", "--store", store],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(100).startswith(b"{")
    proc.stdout.close()  # as `policygraph export | head -c 100` does
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert stderr.decode() == ""


@pytest.mark.parametrize("name, reason", [("missing", "no such file"), ("missing.txt", "no such file"),
                                          ("folder", "is a folder")])
def test_explain_names_a_missing_file_or_a_folder(name, reason, tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    result = _run("explain", str(tmp_path / name))
    assert result.exit_code == 1
    assert f"{tmp_path / name}: {reason}" in _one_error_line(result.output)


def test_ingest_prints_a_failed_step_as_a_warning_and_keeps_the_document(tmp_path: Path, monkeypatch) -> None:
    from policygraph.ingest import pipeline

    def broken(doc, out):
        raise ValueError("boom")

    monkeypatch.setenv("POLICYGRAPH_STRICT", "0")
    monkeypatch.setattr(pipeline, "EXTRACTORS", (*pipeline.EXTRACTORS, ("places", broken)))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("临川市节能工作方案\n一、重点任务\n(一)推进节能改造(责任单位:市发展改革委)\n",
                                           encoding="utf-8")
    result = _run("ingest", str(tmp_path / "in"), "--store", str(tmp_path / "s"), "-q")
    assert result.exit_code == 0, result.output
    assert "warning a.txt: the places step failed (ValueError: boom)" in " ".join(result.output.split())
    assert "推进节能改造" in _run("export", "--store", str(tmp_path / "s")).output
