"""The `atipsom` command: thin over the library. User errors print one line; bad input files exit 2."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from atipsom.app.check import check_tree
from atipsom.app.export.documents import all_documents, select
from atipsom.app.export.files import FORMATS, renderer, write_documents
from atipsom.app.integrity import write_manifest
from atipsom.app.project import Project, find_root, shared_sources_dir
from atipsom.app.project import today as default_today
from atipsom.app.relations import related_json
from atipsom.app.site_address import parse_site_url
from atipsom.app.snapshot import snapshot_files, write_snapshot
from atipsom.app.views import format_history, format_show
from atipsom.app.views import history as history_view
from atipsom.app.views import show as show_view
from atipsom.domain.errors import InputError, InputErrors
from atipsom.domain.lookup import NotFound
from atipsom.domain.model import LANGS


def _project(ctx: click.Context) -> Project:
    try:
        return Project(find_root(ctx.obj.get("root") if ctx.obj else None))
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _report_input_errors(exc: InputErrors | InputError) -> None:
    errors = exc.errors if isinstance(exc, InputErrors) else [exc]
    for error in errors:
        click.echo(str(error), err=True)
    click.echo(f"{len(errors)} problem(s) found. Nothing was built.", err=True)
    sys.exit(2)


def _load(project: Project):
    try:
        return project.statutes, project.consolidation
    except (InputError, InputErrors) as exc:
        _report_input_errors(exc)


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Repository root (default: found from the current folder).")
@click.version_option(package_name="atipsom-navigator")
@click.pass_context
def cli(ctx: click.Context, root: Path | None) -> None:
    """ATIPSOM Navigator: Act 670 as it stood on any date, with search and guidance.

    \b
    Examples:
      atipsom show "s 51(3)(b)" --as-at 2014-06-01
      atipsom show 25 --lang ms --json
      atipsom history 44
      atipsom search "place of refuge" --as-at 2012-01-01
      atipsom build && atipsom serve
    """
    ctx.ensure_object(dict)
    ctx.obj["root"] = root


@cli.command()
@click.argument("ref")
@click.option("--lang", type=click.Choice(["en", "ms"]), default="en", show_default=True, help="Language of the text.")
@click.option("--as-at", "as_at", metavar="YYYY-MM-DD", help="The text in force on this date (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def show(ctx, ref: str, lang: str, as_at: str | None, as_json: bool) -> None:
    """Print a section or provision as in force on a date.

    \b
    REF is any of: 12, s 12, s. 12, section 26A, seksyen 12, s 51(3)(a),
    s 2(child) (a definition), act-670/sec_51__subsec_3__para_a,
    act-670/sec_44@2015-11-18 or s 44@2015-11-18 (a version),
    act-670/sec_44:2012-06-01 (as at a date); every form: spec/citations.yaml.
    """
    project = _project(ctx)
    statutes, consolidation = _load(project)
    try:
        data = show_view(statutes, consolidation, ref, lang=lang, as_at=_date(as_at), today=default_today())
    except NotFound as exc:
        raise click.ClickException(str(exc)) from None
    _echo_json(data) if as_json else click.echo(format_show(data))


@cli.command()
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def history(ctx, ref: str, as_json: bool) -> None:
    """List every version of a section, with the amending provisions that made them."""
    project = _project(ctx)
    _, consolidation = _load(project)
    try:
        data = history_view(consolidation, ref, today=default_today())
    except NotFound as exc:
        raise click.ClickException(str(exc)) from None
    _echo_json(data) if as_json else click.echo(format_history(data))


@cli.command()
@click.pass_context
def check(ctx) -> None:
    """Validate statutes/ and the guidance; print every problem as path:line:col: message (hint).

    Exit status 2 when there is any problem, 0 when the tree is clean.
    """
    project = _project(ctx)
    errors = check_tree(project.root, today=default_today(), shared_sources=shared_sources_dir(project))
    for error in errors:
        click.echo(str(error))
    if errors:
        click.echo(f"{len(errors)} problem(s).", err=True)
        sys.exit(2)
    click.echo("ok: statutes, amendments, snapshot and guidance are consistent", err=True)


@cli.command()
@click.pass_context
def snapshot(ctx) -> None:
    """Regenerate statutes/consolidated/ (every version, as committed Markdown) from the engine."""
    project = _project(ctx)
    statutes, consolidation = _load(project)
    written, removed = write_snapshot(project.statutes_dir, snapshot_files(consolidation, statutes.work.id))
    click.echo(f"snapshot: {written} file(s) written, {removed} removed")


@cli.command()
@click.option("--force", is_flag=True, help="Record text changes even without a source record (maintainers only).")
@click.pass_context
def manifest(ctx, force: bool) -> None:
    """Record the hash of every verbatim text block and its source record in statutes/manifest.yml.

    Refuses when law text changed but its source record did not: add a `corrections` entry first.
    """
    project = _project(ctx)
    statutes, _ = _load(project)
    count, refused = write_manifest(statutes, project.statutes_dir, force=force)
    if refused:
        for block in refused:
            click.echo(f"{block.file}:{block.line or 1}:1: law text changed without a source record ({block.key})",
                       err=True)
        click.echo("Not recorded: add a `corrections` entry (or the instruction's note) for each change, "
                   "then run this again.", err=True)
        sys.exit(2)
    click.echo(f"manifest: {count} text blocks recorded in statutes/manifest.yml")


@cli.command()
@click.argument("query")
@click.option("--as-at", "as_at", metavar="YYYY-MM-DD", help="Only text in force on this date (default: today).")
@click.option("--kind", type=click.Choice(["provision", "guidance", "annotation", "case", "all"]), default="all",
              show_default=True)
@click.option("--lang", type=click.Choice(["en", "ms"]), default=None, help="Only this language.")
@click.option("--limit", type=click.IntRange(1, 50), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def search(ctx, query: str, as_at: str | None, kind: str, lang: str | None, limit: int, as_json: bool) -> None:
    """Search provisions (every version) and guidance.

    \b
    Citations anywhere in the query come first: "s 51(3)(b)", "26A", "seksyen 44".
    Phrases in quotes, AND/OR/NOT, misspellings are corrected, filters like part:V.
    """
    # imported here, not at the top: Whoosh and numpy load only for `search`, so `atipsom show` starts quickly
    from search.cli_format import format_human, to_json
    from search.engine import SearchEngine

    project = _project(ctx)
    try:
        engine = SearchEngine.open(project.index_dir)
    except FileNotFoundError:
        raise click.ClickException("no search index yet: run `atipsom build` first") from None
    response = engine.search(query, as_at=_date(as_at) or default_today(), kind=kind, lang=lang, limit=limit)
    _echo_json(to_json(response)) if as_json else click.echo(format_human(response))


@cli.command()
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def related(ctx, ref: str, as_json: bool) -> None:
    """Guidance related to a provision, or provisions related to a guidance page (guide/<slug>)."""
    project = _project(ctx)
    _load(project)
    try:
        data = related_json(project, ref, default_today())
    except NotFound as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        _echo_json(data)
        return
    click.echo(f"{data['ref']}: {len(data['links'])} link(s)")
    for link in data["links"]:
        score = f", score {link['score']:.2f}" if link.get("score") is not None else ""
        because = f"\n      why: {link['why']}" if link.get("why") else ""
        click.echo(f"  [{link['kind']}] {link['title']} ({link['reason']}{score})\n      {link['url']}{because}")


@cli.command()
@click.argument("ref", required=False)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="JSON (valid against the schema published as data/law-data.schema.json) or Akoma Ntoso 3.0 XML.")
@click.option("--as-at", "as_at", metavar="YYYY-MM-DD", help="The text in force on this date (default: every version).")
@click.option("--lang", type=click.Choice(["en", "ms"]), default=None, help="Only this language (default: both).")
@click.option("--all", "everything", is_flag=True, help="Every document: the whole Act at every date and every "
              "version of every section (what the site's data/ holds).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="A file (one document) or a folder (several); default: print the one document.")
@click.pass_context
def export(ctx, ref: str | None, fmt: str, as_at: str | None, lang: str | None, everything: bool,
           output: Path | None) -> None:
    """Export the law as open data (JSON or Akoma Ntoso): the whole Act or a section, every version or as at a date.

    \b
    REF is a section (44, s 26A, act-670/sec_44@2015-11-18 for one version) or the whole Act
    (act-670, act-670@2015-11-18); without REF, the whole Act at every date it changed.
    \b
    Examples:
      atipsom export 44 --as-at 2012-01-01 --lang en
      atipsom export --format akn act-670@2015-11-18 --lang ms -o act-2015-ms.xml
      atipsom export --all --format akn -o data/
    """
    project = _project(ctx)
    statutes, consolidation = _load(project)
    langs = (lang,) if lang else LANGS
    try:
        if everything:
            if ref or as_at:
                raise ValueError("--all exports everything: give no REF and no --as-at with it")
            docs = list(all_documents(consolidation, statutes.work.id, langs))
        else:
            docs = select(consolidation, statutes.work.id, ref, as_at=_date(as_at), langs=langs)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    render = renderer(statutes, consolidation, fmt, today=default_today())
    if len(docs) == 1 and (output is None or output.suffix):
        data = render(docs[0])
        if output is None:
            click.echo(data.decode("utf-8"), nl=False)
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_bytes(data)
            click.echo(f"export: 1 document written to {output}", err=True)
        return
    if output is None or output.suffix:
        raise click.ClickException(f"{len(docs)} documents: give a folder to write them to (-o FOLDER), "
                                   "or ask for one document (a language with --lang and a date with --as-at)")
    written = write_documents(docs, render, fmt, output)
    click.echo(f"export: {len(written)} document(s) written under {output}", err=True)


@cli.command()
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
@click.option("--offline", is_flag=True, help="Also make a zip of the site that works from files, with no network.")
@click.option("--no-site", is_flag=True, help="Build the search index only.")
@click.option("--no-index", is_flag=True, help="Build the site only.")
@click.option("--full-index", is_flag=True, hidden=True,
              help="Kept for old scripts: the index is always built from scratch now.")
@click.option("--site-url", "site_url", metavar="URL", default=None,
              help="Where the site will be published, e.g. https://example.github.io/atipsom-navigator/ "
                   "(canonical links, sitemap, copied citations). The site works under any path without it.")
@click.pass_context
def build(ctx, quiet: bool, offline: bool, no_site: bool, no_index: bool, full_index: bool,
          site_url: str | None) -> None:
    """Check everything (as `atipsom check`), then build the search index, the links, the law data and the site
    into one new generation and publish it with one switch. Any problem: exit 2 and nothing is published."""
    from atipsom.app.build import build_all  # here, not at the top: MkDocs and Whoosh load only for `build`

    project = _project(ctx)
    try:
        address = parse_site_url(site_url) if site_url is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--site-url") from None
    try:
        report = build_all(project, quiet=quiet, offline=offline, site=not no_site, index=not no_index,
                           today=default_today(), shared_sources=shared_sources_dir(project), site_url=address)
    except (InputError, InputErrors) as exc:
        _report_input_errors(exc)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None
    for line in report:
        click.echo(line)


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (localhost only by default).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME", envvar="ATIPSOM_ALLOW_HOSTS",
              help="Also answer requests for this Host name (repeatable; or $ATIPSOM_ALLOW_HOSTS, names separated "
                   "by spaces). Others get 421.")
@click.option("--build/--no-build", "do_build", default=None,
              help="Build first (default: only when nothing is built yet).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, envvar="ATIPSOM_WORKERS",
              help="Worker processes (uvicorn), each serving the same published generation (or $ATIPSOM_WORKERS).")
@click.pass_context
def serve(ctx, port: int, host: str, allow_hosts: tuple[str, ...], do_build: bool | None, workers: int) -> None:
    """Serve the built site and the search API (/api/search, /api/provisions/…) on localhost.

    Each request is served from the generation published last (site, search index and law together); a new
    `atipsom build` is picked up by the next request, without a restart, by every worker.
    """
    # imported here, not at the top: uvicorn, Starlette, MkDocs and Whoosh load only for `serve`
    import uvicorn

    from atipsom.app.build import build_all
    from atipsom.app.server import APP_FACTORY, allowed_hosts_for, serve_environment, uvicorn_options

    project = _project(ctx)
    if do_build or (do_build is None and project.published() is None):
        try:
            report = build_all(project, quiet=False, offline=False, site=True, index=True, today=default_today(),
                               shared_sources=shared_sources_dir(project))
        except (InputError, InputErrors) as exc:
            _report_input_errors(exc)
        except RuntimeError as exc:
            raise click.ClickException(str(exc)) from None
        for line in report:
            click.echo(line)
    elif project.published() is None:
        raise click.ClickException("nothing is built yet: run `atipsom build` (or `atipsom serve --build`)")
    # the app is named, not passed: uvicorn's worker processes each import it (atipsom.app.server)
    os.environ.update(serve_environment(project, allowed_hosts_for(host, allow_hosts)))
    processes = f" ({workers} workers)" if workers > 1 else ""
    click.echo(f"Serving ATIPSOM Navigator on http://{host}:{port}/{processes} (Ctrl+C to stop)")
    uvicorn.run(APP_FACTORY, factory=True, host=host, port=port, workers=workers, **uvicorn_options())


def main() -> None:
    cli(prog_name="atipsom")


if __name__ == "__main__":  # pragma: no cover
    main()
