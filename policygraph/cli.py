"""The `policygraph` command: thin wiring of ingest to a store, export, stats.

    policygraph ingest examples/ --store ./policygraph-data
    policygraph export --format json -o graph.json
    policygraph stats

Every command turns a PolicyGraphError into one line on stderr and exit code 1.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from policygraph.graph.errors import PolicyGraphError
from policygraph.graph.model import EdgeType, Label

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="PolicyGraph: trace Chinese government policy through its levels.")
err = Console(stderr=True)
out = Console()

StoreOpt = typer.Option(None, "--store", "-s", help="Store directory or neo4j:// URI "
                        "(default: $POLICYGRAPH_STORE, else ./policygraph-data).")


def _error(message: str) -> None:
    # soft_wrap: one line even when stderr is a pipe or a CI log (rich would wrap at 80 columns);
    # escape: a path or document name with [brackets] is text, not rich markup
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)


def _fail(exc: Exception) -> typer.Exit:
    _error(str(exc))
    return typer.Exit(1)


def _open(store: Optional[str], *, create: bool = False):
    """Only `ingest` creates a store; reading commands on a missing one fail with one line."""
    from policygraph.graph.store import open_store

    return open_store(store, create=create)


@app.command()
def ingest(paths: list[Path] = typer.Argument(..., help="Files or folders (searched recursively)."),
           store: Optional[str] = StoreOpt,
           quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or table.")) -> None:
    """Ingest documents into the store; a bad file is reported and skipped (exit 1 at the end)."""
    from policygraph.ingest.pipeline import find_documents, ingest_file

    try:
        st = _open(store, create=True)
    except PolicyGraphError as exc:
        raise _fail(exc)
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        _error(f"{p}: no such file or folder")
    files = list(find_documents([p for p in paths if p.exists()]))
    rows, failures = [], []
    started = time.perf_counter()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=quiet, transient=True) as progress:
        bar = progress.add_task("ingesting", total=len(files))
        for path, name in files:
            progress.update(bar, description=f"ingesting {name}")
            try:
                batch = ingest_file(path, name)
                st.write(batch)
            except PolicyGraphError as exc:
                failures.append((name, str(exc)))
                err.print(f"[red]skipped[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
            else:
                rows.append((name, batch))
                for note in batch.warnings:
                    err.print(f"[yellow]warning[/yellow] {escape(name)}: {escape(note)}", highlight=False, soft_wrap=True)
            progress.advance(bar)
    elapsed = time.perf_counter() - started
    st.close()
    if not quiet and files:
        table = Table(title=f"ingested {len(rows)} of {len(files)} documents in {elapsed:.2f}s")
        for col in ("document", "encoding", "plans", "tasks", "agencies", "districts", "targets", "edges"):
            table.add_column(col, justify="left" if col in ("document", "encoding") else "right")
        for name, b in rows:
            table.add_row(name, b.encoding or "", str(b.count(Label.PLAN)), str(b.count(Label.TASK)),
                          str(b.count(Label.AGENCY)), str(b.count(Label.DISTRICT)),
                          str(b.count_edges(EdgeType.SETS_TARGET)), str(len(b.edges)))
        out.print(table)
    if failures or missing or not files:
        if not files and not missing:
            _error("no documents found (.txt .md .html .htm .pdf .docx)")
        raise typer.Exit(1)


@app.command()
def export(format: str = typer.Option("json", "--format", "-f", help="json, neo4j-admin or graphml"),
           store: Optional[str] = StoreOpt,
           output: Optional[Path] = typer.Option(None, "-o", "--output",
                                                 help="File to write (default: stdout); a folder for neo4j-admin.")) -> None:
    """Export the whole graph: json (the format of ../shared/eval/README.md), neo4j-admin (CSVs
    and import.sh in the folder -o, for `neo4j-admin database import`), graphml (Gephi, networkx).

        policygraph export --format neo4j-admin -o bulk/ && sh bulk/import.sh
    """
    from policygraph.graph.export import write_json

    if format not in ("json", "neo4j-admin", "graphml"):
        raise _fail(ValueError(f"unknown format {format!r}; use json, neo4j-admin or graphml"))
    if format != "json" and output is None:
        raise _fail(ValueError(f"--format {format} needs -o ({'a folder' if format == 'neo4j-admin' else 'a file'})"))
    try:
        st = _open(store)
        if format == "neo4j-admin":
            from policygraph.graph.bulk_export import write_neo4j_admin

            files = write_neo4j_admin(st, output)
            err.print(f"wrote {len(files)} files to {output}; run sh {output / 'import.sh'}", highlight=False)
        elif format == "graphml":
            from policygraph.graph.bulk_export import write_graphml

            write_graphml(st, output)
        elif output:
            with open(output, "w", encoding="utf-8") as fp:
                write_json(st, fp)
        else:
            write_json(st, sys.stdout)
        st.close()
    except PolicyGraphError as exc:
        raise _fail(exc)
    except BrokenPipeError:
        if output is not None:
            raise _fail(ValueError(f"{output}: cannot write (broken pipe)"))
        # the reader of stdout stopped early (`… | head`): quiet, and no second error at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1)
    except OSError as exc:
        raise _fail(ValueError(f"{output or 'stdout'}: cannot write ({exc.strerror or exc})"))


@app.command()
def stats(store: Optional[str] = StoreOpt) -> None:
    """Documents, nodes per label and edges per type in the store."""
    try:
        st = _open(store)
        counts = st.counts()
        docs = st.documents()
        st.close()
    except PolicyGraphError as exc:
        raise _fail(exc)
    table = Table(title=f"{len(docs)} documents")
    table.add_column("what")
    table.add_column("count", justify="right")
    for k, v in counts.items():
        table.add_row(k, str(v))
    out.print(table)


@app.command()
def explain(file: Path = typer.Argument(..., help="One document."),
            category: Optional[list[str]] = typer.Option(None, "--category", "-c",
                                                         help="Only these categories (repeatable).")) -> None:
    """Print, per category, what was extracted from FILE with the quote and the rule that fired."""
    from policygraph.ingest.explain import explain_file

    if not file.exists():
        raise _fail(ValueError(f"{file}: no such file"))
    if file.is_dir():
        raise _fail(ValueError(f"{file}: is a folder; explain reads one document"))
    try:
        findings = explain_file(file)
    except PolicyGraphError as exc:
        raise _fail(exc)
    current = None
    for f in findings:
        if category and f.category not in category:
            continue
        if f.category != current:
            current = f.category
            out.rule(f"[bold]{current}[/bold]")
        out.print(f"• {f.what}", markup=False, highlight=False)
        if f.quote:
            out.print(f"    “{f.quote}”  [{f.where}]", markup=False, highlight=False, style="dim")
        if f.rule:
            out.print(f"    rule: {f.rule}", markup=False, highlight=False, style="cyan")


@app.command()
def serve(store: Optional[str] = StoreOpt,
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
          port: int = typer.Option(8000, "--port", "-p", help="Port to listen on.")) -> None:
    """Serve the pages, graph views and JSON API (docs at /docs), e.g. `policygraph serve --store data`."""
    import uvicorn

    from policygraph.api.app import create_app

    try:
        st = _open(store)
    except PolicyGraphError as exc:
        raise _fail(exc)
    try:
        uvicorn.run(create_app(store=st), host=host, port=port)
    finally:
        st.close()


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
