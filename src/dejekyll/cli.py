"""The ``dejekyll`` command: a thin shell over the library.

Exit codes: 0 when every page converted, 1 when some pages failed (the others are
still written), 2 on a usage or configuration error.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Self, TextIO

from . import __version__
from .errors import DejekyllError

if TYPE_CHECKING:
    from pathlib import Path

    from rich.progress import Progress, TaskID

    from .clean import CleanOptions
    from .records import Diagnostic, Page
    from .site import Site
    from .timing import Timings

EXIT_OK, EXIT_PAGES_FAILED, EXIT_USAGE = 0, 1, 2

_EPILOG = """\
examples:
  dejekyll build -s my-site -d converted       convert a whole site
  dejekyll build -s my-site --save-liquid      also keep each page's post-Liquid text
  dejekyll markdown README.md                  print one Markdown file as kramdown would
  echo '*hi*' | dejekyll markdown -            ...or standard input
  dejekyll export --to hugo -s my-site -d hugo-site   content for a new Hugo site
  dejekyll page _posts/2020-01-02-x.md --site .      print one page of a site
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dejekyll",
        description="Read a Jekyll site and give back every page as clean HTML, "
        "with its front matter, URL and redirects, exactly as Jekyll would produce them.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"dejekyll {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="convert a whole site into DEST (fragments, redirects, manifest.json)",
        description="Convert a Jekyll site: every page's fragment at its output path, "
        "redirect stubs, static files, DEST/manifest.json and DEST/report.html.",
        epilog=_BUILD_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("-s", "--source", default=".", help="the site folder (default: .)")
    build.add_argument(
        "-d", "--destination", default="_dejekyll", help="output folder (default: _dejekyll)"
    )
    build.add_argument(
        "--config",
        help="config files to use instead of _config.yml, comma-separated, relative to the "
        "working directory (as jekyll build)",
    )
    build.add_argument("--drafts", action="store_true", help="render _drafts too")
    build.add_argument("--future", action="store_true", help="render future-dated documents")
    build.add_argument(
        "--unpublished", action="store_true", help="render documents with published: false"
    )
    build.add_argument(
        "--save-liquid",
        action="store_true",
        help="also write each entry's text after Liquid (the manifest's 'liquid' key)",
    )
    build.add_argument(
        "--redirects",
        type=_redirect_formats,
        default=("html", "json"),
        metavar="FORMATS",
        help="how to write redirects, comma-separated: html (stub pages) and json "
        "(redirects.json) as Jekyll does (the default), netlify (_redirects), nginx, apache",
    )
    build.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        help="render in N processes (default: the number of CPUs; 1 for none)",
    )
    build.add_argument(
        "--no-cache",
        action="store_true",
        help="render every page, without reading or writing the render cache",
    )
    build.add_argument(
        "--cache-dir",
        help="where to keep rendered results between builds (default: SOURCE/.dejekyll-cache)",
    )
    _add_clean_options(build)
    build.add_argument(
        "-n",
        "--dry-run",
        action="store_true",
        help="read and render the site, say what would be written, write nothing",
    )
    build.add_argument("--timings", action="store_true", help="print the seconds each stage took")
    build.add_argument(
        "-v", "--verbose", action="store_true", help="print a line for every page and document"
    )
    build.add_argument("-q", "--quiet", action="store_true", help="print only errors")

    markdown = commands.add_parser(
        "markdown",
        help="print the Markdown stage's HTML for one file (like the kramdown command)",
        description="Print what kramdown (GFM, Jekyll's defaults) makes of one Markdown file.",
        epilog=_MARKDOWN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    markdown.add_argument("file", nargs="?", default="-", help="a Markdown file, or - for stdin")
    _add_export_commands(commands)
    return parser


def _add_export_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export",
        help="write a site as the content of a new Hugo or Eleventy site",
        description="Convert a Jekyll site and write it into DEST as Hugo or Eleventy "
        "content (front matter mapped, URLs and redirects kept), ready to build.",
        epilog=_EXPORT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("--to", required=True, choices=("hugo", "eleventy"), help="the target")
    export.add_argument("-s", "--source", default=".", help="the site folder (default: .)")
    export.add_argument("-d", "--destination", required=True, help="output folder")
    export.add_argument("--drafts", action="store_true", help="export _drafts too")
    export.add_argument("--future", action="store_true", help="export future-dated documents")
    export.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    page = commands.add_parser(
        "page",
        help="convert one page and print its fragment (or its whole record as JSON)",
        description="Convert FILE on its own (as Jekyll would in a site holding only it), "
        "or, with --site, as a page of that site.",
        epilog=_PAGE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    page.add_argument("file", help="the page's file")
    page.add_argument("--site", help="the site folder FILE belongs to")
    page.add_argument("--json", action="store_true", help="print the whole record as JSON")
    _add_clean_options(page)


_BUILD_EXAMPLES = """\
examples:
  dejekyll build -s my-site -d converted        convert a whole site
  dejekyll build -s my-site --dry-run -v        list what would be written, write nothing
  dejekyll build -s my-site --strip-comments --sanitize
                                                fragments without comments or scripts
  dejekyll build -s my-site --baseurl /new --pretty
                                                links moved to /new, one block per line
  dejekyll build -s my-site --redirects html,netlify   stub pages and a _redirects file
"""
_MARKDOWN_EXAMPLES = """\
examples:
  dejekyll markdown README.md                   print one Markdown file as kramdown would
  echo '*hi* -- there' | dejekyll markdown -    ...or standard input
"""
_EXPORT_EXAMPLES = """\
examples:
  dejekyll export --to hugo -s my-site -d hugo-site        content for a new Hugo site
  dejekyll export --to eleventy -s my-site -d eleventy-site --drafts
"""
_PAGE_EXAMPLES = """\
examples:
  dejekyll page about.md                        the fragment of a page on its own
  dejekyll page _posts/2020-01-02-x.md --site . --json   its whole record, in its site
  dejekyll page about.md --sanitize --minify    ...sanitised, without ignorable white space
"""


def _add_clean_options(build: argparse.ArgumentParser) -> None:
    from .sanitize import DEFAULT_IFRAME_HOSTS

    build.add_argument(
        "--strip-comments",
        action="store_true",
        help="drop HTML comments from the fragments (kept by default, as Jekyll keeps them)",
    )
    build.add_argument(
        "--sanitize",
        action="store_true",
        help="keep only safe elements and attributes (ids, classes, styles, tables, "
        "<details>, maths stay; scripts, event handlers go); needs nh3",
    )
    build.add_argument(
        "--iframe-hosts",
        type=_comma_list,
        default=DEFAULT_IFRAME_HOSTS,
        metavar="HOSTS",
        help="with --sanitize, the hosts an <iframe> may show, comma-separated "
        f"(default: {','.join(DEFAULT_IFRAME_HOSTS)})",
    )
    build.add_argument(
        "--baseurl",
        metavar="NEW",
        help="move internal links (under the site's baseurl, or starting with /) and redirect targets to NEW",
    )
    layout = build.add_mutually_exclusive_group()
    layout.add_argument(
        "--pretty", action="store_true", help="indent the fragments, one block tag a line"
    )
    layout.add_argument(
        "--minify", action="store_true", help="drop the white space a browser ignores"
    )


def _clean_options(args: argparse.Namespace) -> CleanOptions:
    from .clean import CleanOptions

    return CleanOptions(
        strip_comments=args.strip_comments,
        sanitize=args.sanitize,
        iframe_hosts=args.iframe_hosts,
        baseurl=args.baseurl,
        pretty=args.pretty,
        minify=args.minify,
    )


def _comma_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


def _usable_cache(folder: Path) -> bool:
    """Whether the cache folder exists or can be made, and takes a file."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def _redirect_formats(text: str) -> tuple[str, ...]:
    from .output import REDIRECT_FORMATS

    chosen = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [name for name in chosen if name not in REDIRECT_FORMATS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown)} (choose from {', '.join(REDIRECT_FORMATS)})"
        )
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "markdown":
            return _markdown(args.file, sys.stdout)
        if args.command == "export":
            return _export(args, sys.stderr)
        if args.command == "page":
            return _page(args, sys.stdout, sys.stderr)
        return _build(args, sys.stderr)
    except DejekyllError as err:
        print(f"dejekyll: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("dejekyll: interrupted; the destination was left as it was", file=sys.stderr)
        return 130


def _markdown(name: str, out: TextIO) -> int:
    from .markdown import render_markdown

    if name == "-":
        text = sys.stdin.read()
    else:
        try:
            from pathlib import Path

            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            print(f"dejekyll: error: {name}: {err}", file=sys.stderr)
            return EXIT_USAGE
    out.write(render_markdown(text))
    return EXIT_OK


def _export(args: argparse.Namespace, err: TextIO) -> int:
    from pathlib import Path

    from .console import Printer
    from .export import export_site
    from .parallel import default_jobs
    from .site import default_cache_dir, load_site

    source = Path(args.source)
    if not source.is_dir():
        print(f"dejekyll: error: {source}: no such site folder", file=err)
        return EXIT_USAGE
    site = load_site(
        source,
        drafts=args.drafts,
        future=True if args.future else None,
        jobs=default_jobs(),
        cache_dir=default_cache_dir(source),
    )
    result = export_site(site, Path(args.destination), to=args.to)
    diagnostics = [*site.all_diagnostics(), *result.diagnostics]
    printer = Printer(err)
    for diagnostic in diagnostics:
        if not args.quiet or diagnostic.level == "error":
            printer.diagnostic(diagnostic)
    if not args.quiet:
        print(
            f"dejekyll: {len(result.content)} content files, {result.aliases} aliases, "
            f"{len(result.static)} static files -> {result.destination} ({args.to})",
            file=err,
        )
    return EXIT_PAGES_FAILED if site.failed_pages or result.diagnostics else EXIT_OK


def _page(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import json
    from pathlib import Path

    from .console import Printer
    from .site import convert_page, load_site
    from .values import ruby_str

    file = Path(args.file)
    if args.site is None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as problem:
            print(f"dejekyll: error: {file}: {problem}", file=err)
            return EXIT_USAGE
        in_folder = file.parent.name.startswith("_")
        record = convert_page(
            text,
            path=f"{file.parent.name}/{file.name}" if in_folder else file.name,
            clean=_clean_options(args),
        )
    else:
        site_dir = Path(args.site)
        if not site_dir.is_dir():
            print(f"dejekyll: error: {site_dir}: no such site folder", file=err)
            return EXIT_USAGE
        relpath = _site_relpath(file, site_dir)
        site = load_site(site_dir, clean=_clean_options(args))
        try:
            record = site.page(relpath)
        except KeyError:
            print(f"dejekyll: error: {relpath}: not a page of {site_dir}", file=err)
            return EXIT_USAGE
    if args.json:
        out.write(json.dumps(_page_json(record), ensure_ascii=False, indent=1, default=ruby_str))
        out.write("\n")
    else:
        printer = Printer(err)
        for diagnostic in record.diagnostics:
            printer.diagnostic(diagnostic)
        out.write(record.html)
    return EXIT_PAGES_FAILED if record.failed else EXIT_OK


def _site_relpath(file: Path, site_dir: Path) -> str:
    """FILE as a path inside the site: as given if it is there, else from where we are."""
    if not file.is_absolute() and (site_dir / file).is_file():
        return file.as_posix()
    try:
        return file.resolve().relative_to(site_dir.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def _page_json(page: Page) -> dict[str, object]:
    return {
        **page.identity(),
        "html": page.html,
        "redirects": [
            {"from": r.from_url, "to": r.to, "output_path": r.output_path, "kind": r.kind}
            for r in page.redirects
        ],
        "diagnostics": [d.as_json() for d in page.diagnostics],
        "failed": page.failed,
    }


def _build(args: argparse.Namespace, err: TextIO) -> int:
    from pathlib import Path

    from .console import Printer, dry_run_lines, page_line, page_style
    from .parallel import default_jobs
    from .site import default_cache_dir, load_site
    from .timing import measure

    source = Path(args.source)
    if not source.is_dir():
        print(f"dejekyll: error: {source}: no such site folder", file=err)
        return EXIT_USAGE
    started = time.perf_counter()
    # As with `jekyll build --config`, relative paths are taken from the working directory.
    config_files = (
        [Path(c).resolve() for c in args.config.split(",") if c.strip()] if args.config else None
    )
    cache_dir = None
    if not args.no_cache and not args.dry_run:
        cache_dir = Path(args.cache_dir) if args.cache_dir else default_cache_dir(source)
        if not _usable_cache(cache_dir):
            print(
                f"dejekyll: warning: the cache folder {cache_dir} cannot be written "
                "(a read-only checkout?); building without a cache",
                file=err,
            )
            cache_dir = None
    timings: Timings | None = {} if args.timings else None
    check = None
    if cache_dir is not None:
        from .unchanged import SECONDS, Replay, UnchangedCheck

        check = UnchangedCheck(
            cache_dir, source, Path(args.destination), _build_options(args), config_files or ()
        )
        replay = check.replay()
        if replay is not None:
            seconds = time.perf_counter() - started
            if timings is not None:
                _print_timings(timings, seconds, err)
            print(replay.report.replace(SECONDS, f"{seconds:.2f}"), end="", file=err)
            if not args.quiet:
                print("dejekyll: nothing changed since the last build: nothing written", file=err)
            return replay.exit_code
    with _Progress(err, quiet=args.quiet) as progress:
        site = load_site(
            source,
            config_files=config_files,
            drafts=args.drafts,
            future=True if args.future else None,
            unpublished=args.unpublished,
            clean=_clean_options(args),
            progress=progress.advance,
            on_model=progress.start,
            jobs=args.jobs or default_jobs(),
            cache_dir=cache_dir,
            timings=timings,
        )
    problems: tuple[Diagnostic, ...] = ()
    tree: str | None = None
    if args.dry_run:
        from .output import check_destination

        destination = Path(args.destination)
        check_destination(site, destination)  # refused as the build itself would refuse it
    else:
        with measure(timings, "write"):
            written = site.write(
                args.destination,
                save_liquid=args.save_liquid,
                redirect_formats=args.redirects,
                cache_dir=cache_dir,
            )
        destination, problems, tree = written.destination, written.problems, written.tree
    seconds = time.perf_counter() - started
    if timings is not None:
        _print_timings(timings, seconds, err)
    diagnostics = [*site.all_diagnostics(), *problems]
    # A page fails when it could not be converted, or its output could not be written.
    failed = {p.source for p in site.failed_pages} | {
        d.source for d in problems if d.level == "error"
    }
    code = EXIT_PAGES_FAILED if failed else EXIT_OK

    def report(stream: TextIO, elapsed: str, *, cache_line: bool) -> None:
        printer = Printer(stream)
        if args.verbose and not args.quiet:
            for page in site.pages:
                printer.line(page_line(page), page_style(page))
        for diagnostic in diagnostics:
            if not args.quiet or diagnostic.level == "error":
                printer.diagnostic(diagnostic)
        _summary(
            site, diagnostics, len(failed), destination, elapsed, stream,
            quiet=args.quiet, cache_line=cache_line,
        )  # fmt: skip

    report(err, f"{seconds:.2f}", cache_line=True)
    if args.dry_run:
        printer = Printer(err)
        for line in dry_run_lines(site, destination, args.redirects):
            printer.line(line)
    if check is not None:
        if site.model.reads_clock or site.cache.uncached or failed:
            check.forget()  # the next build may differ with the clock alone: run it
        else:
            recorded = io.StringIO()
            report(recorded, SECONDS, cache_line=False)
            check.record(Replay(recorded.getvalue(), code), tree)
    return code


def _print_timings(timings: Timings, seconds: float, err: TextIO) -> None:
    from .timing import STAGES

    spent = ", ".join(f"{stage} {timings.get(stage, 0.0):.3f}" for stage in STAGES)
    print(f"dejekyll: timings (s): {spent}, total {seconds:.3f}", file=err)


def _build_options(args: argparse.Namespace) -> dict[str, object]:
    """The options that decide what a build does and prints (not how fast it runs)."""
    ignored = {"jobs", "timings", "func"}
    return {k: v for k, v in vars(args).items() if k not in ignored and not callable(v)}


class _Progress:
    """A progress bar on a terminal; nothing otherwise (rich is imported only then)."""

    def __init__(self, stream: TextIO, *, quiet: bool) -> None:
        self._enabled = stream.isatty() and not quiet
        self._stream = stream
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Self:
        return self

    def start(self, total: int) -> None:
        """Show the bar, now that the number of entries is known."""
        if not self._enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._bar = Progress(
            TextColumn("converting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=Console(file=self._stream),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("", total=total)

    def advance(self, page: Page) -> None:
        """One more page done."""
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, description=page.source or "")

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _summary(
    site: Site,
    diagnostics: list[Diagnostic],
    failed: int,
    destination: Path,
    elapsed: str,
    err: TextIO,
    *,
    quiet: bool,
    cache_line: bool = True,
) -> None:
    kinds = Counter(d.kind for d in diagnostics)
    levels = Counter(d.level for d in diagnostics)
    pages = sum(p.kind == "page" for p in site.pages)
    documents = len(site.pages) - pages
    if quiet and not failed:
        return
    by_kind = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    print(
        f"dejekyll: {pages} pages, {documents} documents, {len(site.redirects)} redirects, "
        f"{len(site.static_files)} static files -> {destination} in {elapsed} s",
        file=err,
    )
    if cache_line and site.cache.reused:
        print(
            f"dejekyll: {len(site.cache.rendered)} rendered, "
            f"{len(site.cache.reused)} unchanged (from the cache)",
            file=err,
        )
    print(
        f"dejekyll: {failed} failed, {levels.get('error', 0)} errors, "
        f"{levels.get('warning', 0)} warnings" + (f" ({by_kind})" if by_kind else ""),
        file=err,
    )
