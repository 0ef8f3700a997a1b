"""The Liquid stage: one environment and one ``site`` payload per site.

:class:`LiquidStage` renders an entry's body as Jekyll's ``Renderer#render_liquid``
would, with ``error_mode: warn``: problems become diagnostics on the entry's real
file lines, and a failing page still gives as much output as is safe.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from liquid import BoundTemplate, Environment, Mode
from liquid.ast import Node
from liquid.builtin.output import Output, OutputNode
from liquid.context import RenderContext
from liquid.exceptions import (
    LiquidError,
    LiquidSyntaxError,
    OutputStreamLimitError,
    ResourceLimitError,
)
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import Token

from ..config import kramdown_options
from ..records import LIMIT_KIND, Diagnostic, Entry, SiteModel
from . import compat, lax, rubytime, sink, tags, urls
from . import excerpt as excerpts
from . import filters as jekyll_filters
from .lexer import linear_lexer
from .payload import Paginator, SitePayload, jekyll_drop, paginate_template
from .rubyfmt import to_s


@dataclass(frozen=True, slots=True)
class LiquidResult:
    """The text after Liquid and the problems found on the way."""

    text: str
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits per render; reaching one is an error diagnostic for the page."""

    loop_iterations: int = 5_000_000
    """Loop iterations per page (includes and nested loops counted together)."""
    include_depth: int = 16
    """Nested ``include`` levels."""
    output_bytes: int = 32 * 1024 * 1024
    """Size of one page's Liquid output."""
    local_bytes: int = 64 * 1024 * 1024
    """What ``assign`` and ``capture`` may hold in all (a string doubled in a loop)."""


class JekyllEnvironment(Environment):
    """python-liquid set up as Jekyll's Liquid: lax, Ruby output, Jekyll tags."""

    def __init__(self, hooks: tags.SiteHooks, limits: Limits) -> None:
        super().__init__(tolerance=Mode.LAX, strict_filters=True)
        # python-liquid reads these through the instance; they are per stage here.
        setattr(self, "loop_iteration_limit", limits.loop_iterations)  # noqa: B010
        setattr(self, "output_stream_limit", limits.output_bytes)  # noqa: B010
        setattr(self, "local_namespace_limit", limits.local_bytes)  # noqa: B010
        setattr(self, "context_depth_limit", 4 * limits.include_depth + 40)  # noqa: B010
        self.include_depth_limit = limits.include_depth
        self.jekyll_lax_filters = True
        self.site_hooks = hooks
        self.add_tag(_LocatedOutput)
        for tag in (*tags.TAGS, *lax.LAX_TAGS):
            self.add_tag(tag)
        self.tags["illegal"] = tags.UnknownTag(self)
        for instance in self.tags.values():
            _track_opening(instance)

    def tokenizer(self) -> Callable[[str], Iterator[Token]]:
        """The lexer, followed by the lax reading of conditions Ruby would read leniently."""
        lex = linear_lexer(super().tokenizer())

        def tokens(source: str) -> Iterator[Token]:
            return lax.lenient_conditions(self, lex(source))

        return tokens

    def error(
        self,
        exc: type[LiquidError] | LiquidError,
        msg: str | None = None,
        token: Token | None = None,
    ) -> None:
        """Record the problem on the current render instead of raising."""
        if not isinstance(exc, LiquidError):
            exc = exc(msg, token=token)
        elif not exc.token:
            exc.token = token
        if isinstance(exc, ResourceLimitError):
            # Reported once. Output cut at the size limit is not converted further (see
            # pipeline.render_content); after a loop or depth limit the rest still renders.
            kind = LIMIT_KIND if isinstance(exc, OutputStreamLimitError) else "liquid"
            sink.fail(f"Liquid error: {exc.message}", token=exc.token, kind=kind, once="limit")
            return
        sink.fail(f"Liquid error: {exc.message}", token=exc.token, kind="liquid")


class _LocatedOutputNode(OutputNode):
    """An output statement whose filters' warnings name its line."""

    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Render as python-liquid does, noting this statement on the current sink."""
        current = sink.current()
        if current is None:
            return super().render_to_output(context, buffer)
        current.rendering.append(self.token)
        try:
            return super().render_to_output(context, buffer)
        finally:
            current.rendering.pop()


class _LocatedOutput(Output):
    """``{{ ... }}`` making :class:`_LocatedOutputNode` nodes."""

    node_class = _LocatedOutputNode


def _track_opening(tag: Tag) -> None:
    """Remember which tag is being parsed, to place errors found at its end of file."""
    parse_node = tag.get_node

    def get_node(stream: TokenStream) -> Node:
        current = sink.current()
        if current is None:
            return parse_node(stream)
        current.opening.append(stream.current)
        try:
            return parse_node(stream)
        finally:
            current.opening.pop()

    tag.get_node = get_node  # type: ignore[method-assign]


compat.install()


_POST_NAME = re.compile(r"^(.+/)*(\d+-\d+-\d+)-(.*)$")


class LiquidStage:
    """Renders entries' Liquid for one site; build it once per site."""

    def __init__(
        self,
        model: SiteModel,
        *,
        source_dir: Path,
        time: dt.datetime | None = None,
        limits: Limits | None = None,
    ) -> None:
        """Build the environment and the ``site`` payload.

        Args:
            model: the site as read (entries, config, data, static files, redirects).
            source_dir: the site folder (``_includes`` and ``include_relative`` files).
            time: ``site.time``; the model's (build time or the config's ``time``) by default.
            limits: resource limits per page.
        """
        self.model = model
        self._source_dir = Path(source_dir)
        # The model read the `timezone` setting (the machine zone when unset, as Ruby).
        self.zone = (
            model.time.tzinfo
            if model.time is not None and model.time.tzinfo is not None
            else rubytime.site_zone(model.config.get("timezone"))
        )
        now = time or model.time or dt.datetime.now(self.zone)
        self._includes: dict[Path, tuple[BoundTemplate | None, tuple[Diagnostic, ...]]] = {}
        self._templates: dict[str, BoundTemplate] = {}
        self._current_dir: list[Path] = []
        self._located: dict[tuple[Path, str], Path | None] = {}
        self._root = self._source_dir.resolve()
        self._includes_dir = self._source_dir / to_s(
            model.config.get("includes_dir") or "_includes"
        )
        self._markdown_options = kramdown_options(model.config)
        self.env = JekyllEnvironment(self, limits or Limits())
        self.filters = jekyll_filters.JekyllFilters(
            model.config,
            zone=self.zone,
            markdownify=self._markdownify,
            smartify=self._smartify,
        )
        jekyll_filters.register(self.env, self.filters)
        self.payload = SitePayload(
            model,
            time=now,
            excerpt_renderer=self._render_excerpt,
            content_renderer=self._render_content,
        )
        self._jekyll = jekyll_drop(os.environ.get("JEKYLL_ENV") or "production")
        self._paginate_template = paginate_template(model)
        self._by_source = {entry.source: entry for entry in model.entries}
        self._static_urls = {
            item.relpath.lstrip("/"): "/" + (item.output_path or item.relpath).lstrip("/")
            for item in model.static_files
        }

    # --- hooks for the tags --------------------------------------------------------

    def includes_dir(self) -> Path:
        """``_includes`` of the site (``includes_dir`` setting honoured)."""
        return self._includes_dir

    def source_dir(self) -> Path:
        """The site source folder."""
        return self._source_dir

    def locate(self, folder: Path, name: str) -> Path | None:
        """``folder/name`` when it is a file inside the site, not a symlink (cached)."""
        key = (folder, name)
        if key in self._located:
            return self._located[key]
        candidate = folder / name
        found: Path | None = None
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            real = None
        if (
            real is not None
            and real.is_file()
            and real.is_relative_to(self._root)
            and not candidate.is_symlink()
        ):
            found = candidate
        self._located[key] = found
        return found

    def current_entry_dir(self) -> Path | None:
        """The folder of the entry being rendered."""
        return self._current_dir[-1] if self._current_dir else None

    def load_include(self, path: Path) -> BoundTemplate | None:
        """Read (raw, front matter kept) and parse an include once per site."""
        cached = self._includes.get(path)
        current = sink.current()
        if cached is None:
            try:
                text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
            except OSError as err:
                sink.fail(f"include: cannot read {path.name}: {err}")
                return None
            probe = sink.Sink(str(path), text, 1)
            with sink.collecting(probe):
                parsed, tail = self._parse(text, str(path))
            # A tag left open: Jekyll stops on it, so the include gives nothing.
            cached = (None if tail else parsed, tuple(probe.diagnostics))
            self._includes[path] = cached
        template, problems = cached
        if current is not None:
            for problem in problems:
                current.add(
                    problem.level,
                    f"in {self.display(path)}:{problem.line}: {problem.message}",
                    token=current.include_stack[0] if current.include_stack else None,
                    kind=problem.kind,
                    once=f"{path}:{problem.line}:{problem.message}",
                    located=True,
                )
        return template

    def display(self, path: Path) -> str:
        """A path as the user knows it: relative to the site."""
        try:
            return path.relative_to(self._source_dir).as_posix()
        except ValueError:
            return path.name

    def relative_url(self, url: str) -> str:
        """``relative_url`` with the site's baseurl."""
        base = self.model.config.get("baseurl")
        return urls.relative_url(url, None if base is None else to_s(base))

    def link_target(self, relative_path: str) -> str | None:
        """The page, document or static file whose relative path matches."""
        wanted = relative_path.strip()
        for candidate in (wanted, wanted.lstrip("/")):
            entry = self._by_source.get(candidate)
            if entry is not None:
                return self.relative_url(entry.url)
            if candidate in self._static_urls:
                return self.relative_url(self._static_urls[candidate])
        return None

    def post_target(self, name: str) -> str | None:
        """The post named ``[dir/]YYYY-MM-DD-slug``."""
        matched = _POST_NAME.match(name.strip().lstrip("/"))
        if not matched:
            return None
        folder = matched.group(1) or ""
        basename = f"{matched.group(2)}-{re.escape(matched.group(3))}\\.[^.]+"
        pattern = re.compile(
            rf"^_posts/{re.escape(folder)}{basename}|^{re.escape(folder)}_posts/?{basename}"
        )
        for entry in self.model.entries:
            if entry.collection == "posts" and pattern.match(entry.source):
                return self.relative_url(entry.url)
        return None

    def highlight(self, code: str, lang: str, options: Mapping[str, Any]) -> str:
        """The highlight tag's HTML (Rouge's markup; plain if the highlighter fails)."""
        from ..highlight import highlight_tag

        try:
            result = highlight_tag(
                code,
                lang,
                linenos=bool(options.get("linenos")),
                mark_lines=_line_numbers(options.get("mark_lines")),
            )
        except Exception as err:  # noqa: BLE001 - another stage's failure must not escape
            sink.fail(f"highlight failed: {err}")
            return tags.plain_highlight(code, lang)
        return str(result)

    # --- converters ----------------------------------------------------------------

    def _markdownify(self, text: str) -> str:
        from ..markdown import render_markdown

        return self._convert("markdownify", render_markdown, text)

    def _smartify(self, text: str) -> str:
        from ..markdown.smartypants import smartypants

        return self._convert("smartify", smartypants, text)

    def _convert(
        self, name: str, converter: Callable[[str, Mapping[str, Any]], str], text: str
    ) -> str:
        """``converter`` with the site's kramdown options; on failure an error and the text."""
        try:
            return converter(text, self._markdown_options)
        except Exception as err:  # noqa: BLE001 - another stage's failure must not escape
            sink.fail(f"{name} failed: {err}")
            return text

    def _render_excerpt(self, entry: Entry) -> str:
        head = excerpts.extract(entry, self.model.config, self.env)
        text = head
        if excerpts.needs_liquid(entry, head):
            text = self._render_text(entry, head, excerpt=True).text
        if entry.is_markdown:
            return self._markdownify(text)
        return text

    def _render_content(self, entry: Entry) -> str:
        """An entry's converted content (Liquid, then its converter), for ``x.content``."""
        text = self._render_text(entry, entry.body).text if needs_liquid(entry) else entry.body
        if entry.is_markdown:
            return self._markdownify(text)
        return text

    # --- rendering -----------------------------------------------------------------

    def record_output(self, entry: Entry, html: str) -> None:
        """Tell the stage an entry's converted content (``document.content`` in Jekyll).

        Jekyll renders collections' documents, then pages, and replaces each one's
        ``content`` with its converted HTML, so a later page looping over
        ``site.posts`` sees ``post.content`` as HTML.  The pipeline calls this after
        converting each entry, in that order.
        """
        self.payload.record_output(entry.source, html)

    def excerpt(self, entry: Entry) -> str | None:
        """``data["excerpt"]`` as Jekyll prints it: the rendered excerpt of a document."""
        if entry.kind != "document":
            value = entry.data.get("excerpt")
            return None if value is None else to_s(value)
        with compat.active():
            found = self.payload.excerpt_of(entry)
        return None if found is None else to_s(found)

    def page_payload(self, entry: Entry) -> Mapping[str, Any]:
        """The ``page`` variable of an entry."""
        return self.payload.drop(entry)

    def render(self, entry: Entry) -> LiquidResult:
        """Render ``entry.body`` as Jekyll would; never raises."""
        if not needs_liquid(entry):
            return LiquidResult(entry.body)
        with compat.active():
            return self._render_text(entry, entry.body)

    def _render_text(self, entry: Entry, body: str, *, excerpt: bool = False) -> LiquidResult:
        collector = sink.Sink(entry.source, body, entry.body_line)
        self._current_dir.append((self._source_dir / entry.source).parent)
        self.payload.current.append(entry)
        try:
            with sink.collecting(collector):
                page = self.payload.excerpt_drop(entry) if excerpt else self.page_payload(entry)
                text = self._render_body(entry, body, page)
        except RecursionError:
            collector.add("error", "Liquid: recursion too deep")
            text = ""
        except Exception as err:  # noqa: BLE001 - a page must never crash the build
            collector.add("error", f"Liquid: internal error: {type(err).__name__}: {err}")
            text = ""
        finally:
            self._current_dir.pop()
            self.payload.current.pop()
        return LiquidResult(text, tuple(collector.diagnostics))

    def _paginator(self, entry: Entry) -> Mapping[str, Any] | None:
        if entry.source != self._paginate_template:
            return None
        return Paginator(self.payload, entry).first_page()

    def _parse(self, text: str, name: str) -> tuple[BoundTemplate, str]:
        """Parse ``text``; a tag or output left open stops the template there.

        Ruby Liquid rejects the whole template (``Tag '{%' was not properly
        terminated``); we keep what precedes it as Liquid and the rest as text.
        """
        head, tail = text, ""
        if (found := comment_error(text)) is not None:
            opening, bad, message = found
            sink.fail(f"Liquid syntax error: {message}", token=Token("", "", bad, text))
            head, tail = text[:opening], text[opening:]
        while True:
            try:
                return self.env.from_string(head, name=name), tail
            except LiquidSyntaxError as err:
                token = err.token
                if token is None or token.source is not head or token.start_index < 0:
                    raise
                if not tail:  # the first error is the one the page hears of
                    sink.fail(f"Liquid syntax error: {err.message}", token=token)
                if token.start_index >= len(head):
                    raise
                cut = _settled_cut(head, token.start_index)
                head, tail = head[:cut], head[cut:] + tail

    def _render_body(self, entry: Entry, body: str, page: Mapping[str, Any]) -> str:
        template, tail = self._parse(body, entry.source)
        return (
            template.render(
                site=self.payload.site,
                page=page,
                jekyll=self._jekyll,
                paginator=self._paginator(entry),
                **_highlighter_options(entry),
            )
            + tail
        )


_OPENER = re.compile(r"\{[{%]")
_RUBY_TAG = re.compile(r"\{%-?\s*(\w+)\s*.*?-?%\}\Z", re.DOTALL)


def _ruby_tokens(text: str) -> Iterator[tuple[int, str]]:
    """The tags and output statements Ruby Liquid's tokenizer cuts ``text`` into.

    Its expression is ``{%.*?%}|{{.*?}}?|{%|{{``: a tag, an output statement up to the
    first ``}`` (the second one optional), or a lone opener.  Searched here with
    ``str.find``, and a closer found missing once is missing for every later opener:
    linear in the text, where the expression itself rescans the rest per opener.
    """
    no_tag_end = no_brace = len(text) + 1  # from here on there is none
    pos = 0
    while (m := _OPENER.search(text, pos)) is not None:
        start = m.start()
        if m.group() == "{%":
            end = -1 if start >= no_tag_end else text.find("%}", start + 2)
            if end < 0:
                no_tag_end = min(no_tag_end, start)
                end = start  # a lone opener
            pos = end + 2
        else:
            end = -1 if start >= no_brace else text.find("}", start + 2)
            if end < 0:
                no_brace = min(no_brace, start)
                pos = start + 2
            else:
                pos = end + (2 if text.startswith("}}", end) else 1)
        yield start, text[start:pos]


def comment_error(text: str) -> tuple[int, int, str] | None:
    """The first output or tag left open inside a ``comment`` block (Jekyll stops there).

    Ruby Liquid parses a comment's body like any other (only unknown tags are ignored):
    an output or tag left open there stops Jekyll, where python-liquid reads the body
    as text.  Returns where the comment opens, where the token is and Jekyll's message.
    """
    if "comment" not in text:
        return None
    depth, opening, raw = 0, 0, False
    for start, token in _ruby_tokens(text):
        tag = _RUBY_TAG.match(token)
        name = tag.group(1) if tag else None
        if raw:
            raw = name != "endraw"
            continue
        if depth and token.startswith("{{") and not token.endswith("}}"):
            message = f"Variable '{token}' was not properly terminated with regexp: /\\}}\\}}/"
            return opening, start, message
        if depth and token.startswith("{%") and tag is None:
            message = f"Tag '{token}' was not properly terminated with regexp: /\\%\\}}/"
            return opening, start, message
        if name == "raw":
            raw = True
        elif name == "comment":
            opening = start if depth == 0 else opening
            depth += 1
        elif name == "endcomment" and depth:
            depth -= 1
    return None


def _settled_cut(head: str, start: int) -> int:
    """Where cutting ``head`` at the lexer error at ``start`` and parsing again settles.

    The lexer stops at an unclosed ``{{`` or ``{%``.  When ``m`` braces ``{``
    precede it (a run like ``{{{{{{``), each of them was read as text, and the head
    cut there fails again two braces earlier, and so on: the parse settles with
    ``m // 2`` pairs of braces cut away too.  Cutting there at once gives the same
    head as the repeated parses, without parsing the page once per brace.
    """
    if not head.startswith(("{{", "{%"), start):
        return start
    run = start - len(head[:start].rstrip("{"))
    return start - 2 * (run // 2)


def _highlighter_options(entry: Entry) -> dict[str, str]:
    """``highlighter_prefix``/``suffix``: a newline each for the Markdown converter."""
    if entry.is_markdown:
        return {"highlighter_prefix": "\n", "highlighter_suffix": "\n"}
    return {}


def _line_numbers(value: object) -> tuple[int, ...]:
    """``mark_lines="1 2"`` as numbers."""
    if not isinstance(value, list):
        return ()
    return tuple(int(item) for item in value if str(item).isdigit())


def needs_liquid(entry: Entry) -> bool:
    """``render_with_liquid`` not false and the body holds ``{{`` or ``{%``."""
    if entry.data.get("render_with_liquid") is False:
        return False
    return "{{" in entry.body or "{%" in entry.body


__all__ = ["Limits", "LiquidResult", "LiquidStage", "needs_liquid"]
