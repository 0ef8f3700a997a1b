"""Exporting a converted site as the content of a Hugo or Eleventy site.

``export_site(site, destination, to="hugo")`` writes one HTML content file per page
and document (the clean fragment as body, the front matter written back out with
python-frontmatter and mapped to the target's keys), copies the static files, and
adds the few files the target needs to build the export as it is.

Every URL Jekyll served stays served, by the file Jekyll wrote last there:

* Hugo: each page's ``url`` is its Jekyll output path (``/about/`` for
  ``about/index.html``, ``/about.html`` for ``about.html``: Hugo keeps a ``url`` with
  an extension as it is, whatever ``uglyURLs`` says), and each ``redirect_from``
  becomes an alias.  Hugo writes an alias ending in ``/`` or ``.html`` at that path
  and any other at ``alias/index.html``, so an alias that would land elsewhere than
  Jekyll's stub is given as the stub's file (``/old.html`` for ``/old``).  What Hugo
  cannot write from content is copied into ``static/``: a stub whose file is not
  ``.html``, a redirect from ``/``, a page whose path holds ``%``, ``?`` or ``#``.
  The page at ``/`` becomes the home page (``content/_index.html``); every other kind
  of generated page (sections, taxonomies, feeds, sitemap, 404) is turned off, since
  it could take a path a Jekyll page had.  A ``<!--more-->`` in a page is Hugo's
  summary divider, as Jekyll's excerpt separator often is.
* Eleventy: each page's ``permalink`` is its output path; the HTML is not run through
  a template engine again; redirect stubs and static files are passthrough copies.

Pages whose output is not HTML (a feed, a stylesheet) are written as static files.
Nothing is written outside the destination.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import frontmatter

from .errors import ConfigError
from .frontmatter import JekyllYAMLHandler
from .output import UnsafePathError, safe_relpath
from .records import Diagnostic, Page, Redirect, StaticFile
from .redirects import redirect_stub_html
from .site import Site
from .values import ruby_str

Target = Literal["hugo", "eleventy"]
TARGETS: tuple[Target, ...] = ("hugo", "eleventy")
MARKER = ".dejekyll-export.json"
"""The list of files an export wrote; lets a later export replace them."""

_HTML_OUTPUT = (".html", ".htm")
_HUGO_DROPPED = frozenset({"permalink", "redirect_from"})
"""Jekyll keys whose meaning the Hugo ``url`` and ``aliases`` carry."""
_HUGO_UNSAFE = re.compile(r"[%?#]")
"""Characters Hugo reads as URL syntax in a ``url`` or alias (it would write another file)."""
_COMPUTED = frozenset({"slug", "ext", "draft", "categories", "tags", "date", "title"})
"""Keys Jekyll adds to a document's ``data``; kept only when the file itself sets them."""
_ELEVENTY_RESERVED = frozenset(
    {
        "layout",
        "pagination",
        "permalink",
        "dynamicPermalink",
        "permalinkBypassOutputDir",
        "templateEngineOverride",
        "eleventyComputed",
        "eleventyExcludeFromCollections",
        "eleventyNavigation",
        "eleventyImport",
        "eleventyDataSchema",
        "eleventyAllowMissingExtension",
        "collections",
        "page",
        "eleventy",
        "pkg",
        "content",
        "date",
        "tags",
    }
)
_SHORTCODE = re.compile(r"\{\{(?=[<%])")
"""Hugo reads ``{{<`` and ``{{%`` as shortcodes even in HTML content."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote (paths relative to ``destination``, POSIX form)."""

    destination: Path
    target: Target
    content: tuple[str, ...]
    """One content file per exported page or document."""
    static: tuple[str, ...]
    """Copied static files, non-HTML pages and redirect stubs written as files."""
    aliases: int
    """Redirects the target serves itself (Hugo aliases)."""
    scaffold: tuple[str, ...]
    """The config and layouts that let the export build as it is."""
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def files(self) -> tuple[str, ...]:
        """Every file written."""
        return (*self.content, *self.static, *self.scaffold)


@dataclass(slots=True)
class _Writer:
    """Writes files under ``root`` (never outside it), keeping count of them."""

    root: Path
    written: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    def path(self, relpath: str, blame: str | None) -> Path | None:
        """The file for ``relpath``, its folder made; ``None`` (and a diagnostic) if unsafe."""
        try:
            target = self.root.joinpath(*safe_relpath(relpath).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
        except (UnsafePathError, OSError, ValueError) as err:
            reason = "it would leave the destination" if isinstance(err, UnsafePathError) else err
            self.problems.append(
                Diagnostic(
                    "error", blame, None, f"not exported: {relpath!r} ({reason})", kind="export"
                )
            )
            return None
        return target

    def text(self, relpath: str, text: str, blame: str | None = None) -> bool:
        """Write ``text`` (UTF-8, newlines as given) at ``relpath``."""
        target = self.path(relpath, blame)
        if target is None:
            return False
        target.write_text(text, encoding="utf-8", newline="")
        self.written.append(relpath)
        return True

    def copy(self, relpath: str, source: Path, blame: str | None = None) -> bool:
        """Copy the file ``source`` to ``relpath``."""
        target = self.path(relpath, blame)
        if target is None:
            return False
        try:
            shutil.copyfile(source, target)
        except OSError as err:
            self.problems.append(
                Diagnostic("error", blame, None, f"not copied: {err}", kind="export")
            )
            return False
        self.written.append(relpath)
        return True


def export_site(site: Site, destination: str | Path, *, to: Target) -> ExportResult:
    """Write ``site`` into ``destination`` as the content of a ``to`` site.

    ``destination`` must be empty, absent, or an earlier export (whose files are
    replaced).  Raises :class:`~dejekyll.errors.ConfigError` otherwise, or when it
    would overwrite the site's source.
    """
    if to not in TARGETS:
        raise ConfigError(f"unknown export target {to!r} (expected hugo or eleventy)")
    destination = Path(destination)
    _prepare(site, destination)
    writer = _Writer(destination)
    if to == "hugo":
        result = _export_hugo(site, writer)
    else:
        result = _export_eleventy(site, writer)
    (destination / MARKER).write_text(
        json.dumps({"target": to, "files": writer.written}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    return result


def _read_by_jekyll(dest: Path, source: Path) -> bool:
    """Whether ``dest`` is inside ``source`` where Jekyll would read it as the site's."""
    if not dest.is_relative_to(source):
        return False
    first = dest.relative_to(source).parts[0]
    return not first.startswith(("_", "."))


def _prepare(site: Site, destination: Path) -> None:
    """Check ``destination`` and remove the files of an earlier export there."""
    dest = destination.resolve()
    source = site.source.resolve()
    if dest == source or source.is_relative_to(dest) or _read_by_jekyll(dest, source):
        raise ConfigError(
            f"the export destination {destination} must be outside the site, or in a "
            "folder of it Jekyll does not read (one whose name starts with _ or .)"
        )
    if dest.exists() and not dest.is_dir():
        raise ConfigError(f"the export destination {destination} exists and is not a folder")
    if not dest.is_dir() or not any(dest.iterdir()):
        return
    marker = dest / MARKER
    try:
        previous = json.loads(marker.read_text("utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ConfigError(
            f"the export destination {destination} is not empty and not an earlier export"
        ) from None
    for relpath in previous if isinstance(previous, list) else []:
        try:
            dest.joinpath(*safe_relpath(str(relpath)).parts).unlink(missing_ok=True)
        except (UnsafePathError, OSError, ValueError):
            continue


# ---------------------------------------------------------------- shared mapping


def _plain(value: Any) -> Any:
    """A front matter value as YAML a SafeDumper (and Hugo, Eleventy) can read back."""
    if isinstance(value, Mapping):
        return {ruby_str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return ruby_str(value)


def _terms(value: Any) -> list[str]:
    """Tags or categories as Jekyll reads them: a list, or a string split on spaces."""
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list | tuple):
        return [ruby_str(v) for v in value if v is not None and ruby_str(v)]
    return [ruby_str(value)]


def _user_data(page: Page) -> dict[str, Any]:
    """``page.data`` (defaults applied) without the keys Jekyll computed itself."""
    return {
        key: value
        for key, value in page.data.items()
        if key in page.front_matter or not (page.kind == "document" and key in _COMPUTED)
    }


def _date(page: Page) -> str | None:
    value = page.data.get("date")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return None


def _title_and_date(page: Page) -> dict[str, Any]:
    """``title`` and ``date`` for the front matter of both targets (when the page has them)."""
    meta: dict[str, Any] = {}
    title = _title(page)
    if title is not None:
        meta["title"] = title
    date = _date(page)
    if date is not None:
        meta["date"] = date
    return meta


def _title(page: Page) -> str | None:
    value = page.data.get("title")
    return None if value is None else ruby_str(value)


def _is_draft(page: Page) -> bool:
    return (page.source or "").startswith("_drafts/") or page.data.get("published") is False


def _body(page: Page) -> str:
    """The page's output: its fragment, or the stub of a ``redirect_to`` page."""
    for redirect in page.redirects:
        if redirect.kind == "redirect_to":
            return redirect_stub_html(redirect.to)
    return page.html


def _dumps(metadata: Mapping[str, Any], body: str) -> str:
    post = frontmatter.Post(body)
    post.metadata.update(metadata)
    return frontmatter.dumps(post, handler=JekyllYAMLHandler(), sort_keys=False) + "\n"


def _is_html_output(page: Page) -> bool:
    return page.output_path is None or page.output_path.lower().endswith(_HTML_OUTPUT)


def _content_path(source: str, taken: set[str], *, avoid_index: bool) -> str:
    """``source`` with an ``.html`` suffix, unique among ``taken``.

    With ``avoid_index`` (Hugo), ``index.*`` becomes ``index-page.html``: Hugo would take
    a folder holding ``index.html`` as one page bundle and swallow its other pages.
    """
    pure = PurePosixPath(source.replace("\\", "/"))
    stem = pure.stem if pure.suffix else pure.name
    if avoid_index and stem == "index":
        stem = "index-page"
    candidate = (pure.parent / f"{stem}.html").as_posix()
    number = 1
    while candidate.lower() in taken:
        number += 1
        candidate = (pure.parent / f"{stem}-{number}.html").as_posix()
    taken.add(candidate.lower())
    return candidate


def _exported(site: Site) -> Iterator[Page]:
    for page in site.pages:
        if page.source is not None:
            yield page


@dataclass(frozen=True, slots=True)
class _Owners:
    """What Jekyll writes last at each output path: those pages, stubs, static files."""

    pages: frozenset[str]
    stubs: frozenset[Redirect]
    statics: frozenset[StaticFile]


def _owners(site: Site) -> _Owners:
    """The pages, redirect stubs and static files Jekyll writes last at their paths.

    Jekyll writes pages, then redirect stubs, then static files, then documents, and
    the later wins; the targets must not have two writers (Hugo writes both in turn,
    Eleventy stops).
    """
    owner: dict[str, Page | Redirect | StaticFile] = {}
    for page in _exported(site):
        if page.kind == "page" and page.output_path is not None:
            owner[page.output_path] = page
    for redirect in site.redirects:
        if redirect.kind == "redirect_from":
            owner[redirect.output_path] = redirect
    for static in site.static_files:
        if static.output_path is not None:
            owner[static.output_path] = static
    for page in _exported(site):
        if page.kind == "document" and page.output_path is not None:
            owner[page.output_path] = page
    return _Owners(
        pages=frozenset(o.source for o in owner.values() if isinstance(o, Page) and o.source),
        stubs=frozenset(o for o in owner.values() if isinstance(o, Redirect)),
        statics=frozenset(o for o in owner.values() if isinstance(o, StaticFile)),
    )


def _static_files(site: Site, writer: _Writer, owners: _Owners, folder: str) -> list[str]:
    done = []
    for static in site.static_files:
        if static.output_path is None or static not in owners.statics:
            continue
        relpath = f"{folder}/{static.output_path}"
        if writer.copy(relpath, site.source / static.relpath, static.relpath):
            done.append(relpath)
    return done


# ---------------------------------------------------------------- Hugo


def hugo_url(output_path: str) -> str:
    """The Hugo ``url`` that writes ``output_path`` (``a/index.html`` → ``/a/``)."""
    if output_path == "index.html":
        return "/"
    if output_path.endswith("/index.html"):
        return "/" + output_path.removesuffix("index.html")
    return "/" + output_path


def hugo_alias_file(alias: str) -> str:
    """Where Hugo writes the page for ``alias``, relative to ``public/``."""
    path = alias.lstrip("/")
    if alias.endswith("/"):
        return path + "index.html"
    if alias.endswith(".html"):
        return path
    return path + "/index.html"


def hugo_alias(redirect: Redirect) -> str | None:
    """The alias that makes Hugo write Jekyll's stub file; ``None`` if none can.

    Hugo refuses an alias to the site's root, and reads ``%``, ``?`` and ``#`` as URL
    syntax.
    """
    if redirect.output_path == "index.html" or _HUGO_UNSAFE.search(redirect.output_path):
        return None
    if hugo_alias_file(redirect.from_url) == redirect.output_path:
        return redirect.from_url
    if redirect.output_path.endswith(".html"):
        return "/" + redirect.output_path
    return None


def hugo_front_matter(
    page: Page, aliases: Iterable[str] = (), *, written: bool = True
) -> dict[str, Any]:
    """The Hugo front matter for ``page``: Hugo's own keys, the rest under ``params``.

    A page Jekyll does not write (``output: false``, or overwritten by a later page:
    ``written`` false) is kept as content that Hugo does not render.
    """
    meta = _title_and_date(page)
    if _is_draft(page):
        meta["draft"] = True
    if page.output_path is None or not written:
        meta["build"] = {"render": "never"}
    elif page.url != "/":
        meta["url"] = hugo_url(page.output_path)
    found = list(aliases)
    if found:
        meta["aliases"] = found
    for key in ("tags", "categories"):
        terms = _terms(page.data.get(key))
        if terms:
            meta[key] = terms
    description = page.data.get("description")
    if isinstance(description, str):
        meta["description"] = description
    mapped = _HUGO_DROPPED | {k for k in ("title", "date", "tags", "categories") if k in meta}
    if "description" in meta:
        mapped |= {"description"}
    params = {k: _plain(v) for k, v in _user_data(page).items() if k not in mapped}
    if page.collection is not None:
        params.setdefault("collection", page.collection)
    if params:
        meta["params"] = params
    return meta


def _hugo_body(page: Page) -> str:
    return _SHORTCODE.sub("&#123;{", _body(page))


def _export_hugo(site: Site, writer: _Writer) -> ExportResult:
    pages = [p for p in _exported(site) if _is_html_output(p)]
    owned = _owners(site)
    owners = owned.pages
    loose = [p for p in _exported(site) if p.source in owners and not _hugo_serves(p)]
    for page in loose:
        if _is_html_output(page):
            writer.problems.append(
                Diagnostic(
                    "warning",
                    page.source,
                    None,
                    f"Hugo cannot serve {page.output_path!r} from content (it reads %, ? and "
                    "# in a url as URL syntax): the page is written as a static file",
                    kind="export",
                )
            )
    served = {p.source for p in pages if p.source in owners and _hugo_serves(p)}
    by_target = served
    aliases: dict[str, list[str]] = {}
    stubs: list[Redirect] = []
    for redirect in site.redirects:
        if redirect not in owned.stubs:
            continue
        alias = hugo_alias(redirect)
        if alias is not None and redirect.target_source in by_target:
            aliases.setdefault(redirect.target_source or "", []).append(alias)
        else:
            stubs.append(redirect)
    taken: set[str] = set()
    content = []
    has_home = False
    for page in pages:
        assert page.source is not None
        written = page.source in served
        if written and page.output_path == "index.html":
            relpath, has_home = "content/_index.html", True
        else:
            relpath = "content/" + _content_path(page.source, taken, avoid_index=True)
        meta = hugo_front_matter(page, aliases.get(page.source, ()), written=written)
        if writer.text(relpath, _dumps(meta, _hugo_body(page)), page.source):
            content.append(relpath)
    static = _static_files(site, writer, owned, "static")
    static += _loose_outputs(writer, loose, stubs, "static")
    scaffold = []
    for relpath, text in _hugo_scaffold(site, has_home=has_home).items():
        if writer.text(relpath, text):
            scaffold.append(relpath)
    return ExportResult(
        destination=writer.root,
        target="hugo",
        content=tuple(content),
        static=tuple(static),
        aliases=sum(len(v) for v in aliases.values()),
        scaffold=tuple(scaffold),
        diagnostics=tuple(writer.problems),
    )


def _hugo_serves(page: Page) -> bool:
    """Whether Hugo can write ``page`` from a content file at its Jekyll output path."""
    path = page.output_path
    return path is None or (_is_html_output(page) and not _HUGO_UNSAFE.search(path))


def _loose_outputs(
    writer: _Writer, pages: Iterable[Page], stubs: Iterable[Redirect], folder: str
) -> list[str]:
    """The given pages and redirect stubs, written as static files."""
    done = []
    for page in pages:
        if page.output_path is not None:
            relpath = f"{folder}/{page.output_path}"
            if writer.text(relpath, _body(page), page.source):
                done.append(relpath)
    for redirect in stubs:
        relpath = f"{folder}/{redirect.output_path}"
        if writer.text(relpath, redirect_stub_html(redirect.to), redirect.origin):
            done.append(relpath)
    return done


def _toml_str(text: str) -> str:
    """A TOML basic string."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _base_url(config: Mapping[str, Any]) -> str:
    """The site's ``url`` and ``baseurl``, as a Hugo ``baseURL`` (``/`` when unset)."""
    url = config.get("url")
    base = config.get("baseurl")
    path = ruby_str(base).strip("/") if base else ""
    text = (ruby_str(url).rstrip("/") if url else "") + "/"
    return text + path + "/" if path else text


_HUGO_LAYOUT = "{{ .Content }}\n"
_HUGO_LIST = """{{ .Content }}
{{ range .Pages }}<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>
{{ end }}"""


def _hugo_scaffold(site: Site, *, has_home: bool) -> dict[str, str]:
    kinds = ["section", "taxonomy", "term", "rss", "sitemap", "404"]
    if not has_home:
        kinds.insert(0, "home")
    title = site.config.get("title")
    lines = [
        "# Written by dejekyll export from a Jekyll site.",
        f"baseURL = {_toml_str(_base_url(site.config))}",
    ]
    if title is not None:
        lines.append(f"title = {_toml_str(ruby_str(title))}")
    lines += [
        "# Every page's url is its Jekyll output path and aliases name the stub files, so",
        "# no URL depends on uglyURLs (Hugo keeps a url that ends in .html as it is).",
        "uglyURLs = false",
        "disablePathToLower = true",
        "# Jekyll published these pages; keep them whatever their dates.",
        "buildFuture = true",
        "buildExpired = true",
        "# Pages Jekyll did not have, any of which could take a Jekyll page's path.",
        "disableKinds = [" + ", ".join(_toml_str(k) for k in kinds) + "]",
        "",
        "[taxonomies]",
        'tag = "tags"',
        'category = "categories"',
        "",
        "[security]",
        "# The content files are HTML (the converted pages); Hugo 0.162+ refuses HTML",
        "# content unless allowed.  A list that allows HTML alone would refuse Markdown.",
        'allowContent = [".*"]',
        "",
    ]
    return {
        "hugo.toml": "\n".join(lines),
        "layouts/_default/single.html": _HUGO_LAYOUT,
        "layouts/_default/list.html": _HUGO_LIST,
        "layouts/index.html": _HUGO_LAYOUT,
    }


# ---------------------------------------------------------------- Eleventy


def eleventy_front_matter(page: Page, *, written: bool = True) -> dict[str, Any]:
    """The Eleventy front matter for ``page``.

    ``permalink`` is the output path (``false`` for a page Jekyll does not write, as a
    collection with ``output: false`` or a page a later one overwrites: ``written``);
    ``tags`` holds Jekyll's tags and the collection's name (so ``collections.posts``
    lists the posts); keys Eleventy reserves (``layout``, ``pagination``, ...) move
    under ``jekyll``.
    """
    meta = _title_and_date(page)
    meta["permalink"] = False if page.output_path is None or not written else "/" + page.output_path
    if page.output_path is not None and "{" in page.output_path:
        meta["dynamicPermalink"] = False
    tags = _terms(page.data.get("tags"))
    if page.collection is not None and page.collection not in tags:
        tags.append(page.collection)
    if tags:
        meta["tags"] = tags
    if _is_draft(page):
        meta["draft"] = True
    moved: dict[str, Any] = {}
    for key, value in _user_data(page).items():
        if key in ("title", "tags", "draft") or (key == "date" and "date" in meta):
            continue
        if key in _ELEVENTY_RESERVED:
            moved[key] = _plain(value)
        elif key not in meta:
            meta[key] = _plain(value)
    if moved:
        meta["jekyll"] = moved
    return meta


_ELEVENTY_CONFIG = """\
// Written by dejekyll export from a Jekyll site.
// The pages are already HTML: they are not run through a template engine again.
module.exports = function (eleventyConfig) {
  eleventyConfig.addPassthroughCopy({ static: "/" });
  return {
    htmlTemplateEngine: false,
    markdownTemplateEngine: false,
    dir: { input: "content", output: "_site" },
  };
};
"""


def _export_eleventy(site: Site, writer: _Writer) -> ExportResult:
    taken: set[str] = set()
    content = []
    owned = _owners(site)
    owners = owned.pages
    for page in _exported(site):
        assert page.source is not None
        if not _is_html_output(page):
            continue
        relpath = "content/" + _content_path(page.source, taken, avoid_index=False)
        meta = eleventy_front_matter(page, written=page.source in owners)
        if writer.text(relpath, _dumps(meta, _body(page)), page.source):
            content.append(relpath)
    stubs = [r for r in site.redirects if r in owned.stubs]
    static = _static_files(site, writer, owned, "static")
    loose = [p for p in _exported(site) if p.source in owners and not _is_html_output(p)]
    static += _loose_outputs(writer, loose, stubs, "static")
    scaffold = []
    if writer.text("eleventy.config.cjs", _ELEVENTY_CONFIG):
        scaffold.append("eleventy.config.cjs")
    return ExportResult(
        destination=writer.root,
        target="eleventy",
        content=tuple(content),
        static=tuple(static),
        aliases=0,
        scaffold=tuple(scaffold),
        diagnostics=tuple(writer.problems),
    )
