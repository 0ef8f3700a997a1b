"""Jekyll's Liquid tags on python-liquid.

``include`` / ``include_relative`` (``tags/include.rb``), ``highlight``
(``tags/highlight.rb``), ``link``, ``post_url``, Ruby's output stringification, and
the catch-all for tags we do not know (plugin tags): they render nothing and
leave a warning naming the tag.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from liquid import Undefined
from liquid.ast import BlockNode, Node
from liquid.builtin.expressions import FilteredExpression, tokenize
from liquid.builtin.output import Output, OutputNode
from liquid.builtin.tags.capture_tag import CaptureNode, CaptureTag
from liquid.builtin.tags.for_tag import BreakNode, BreakTag, ContinueNode, ContinueTag
from liquid.exceptions import LiquidError
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

from . import sink
from .rubyfmt import to_s

if TYPE_CHECKING:
    from liquid import BoundTemplate, Environment
    from liquid.context import RenderContext


class SiteHooks(Protocol):
    """What the tags need from the stage rendering the site."""

    def load_include(self, path: Path) -> BoundTemplate | None:
        """A parsed include (cached), or ``None`` when it cannot be read."""

    def includes_dir(self) -> Path:
        """The site's ``_includes`` folder."""

    def source_dir(self) -> Path:
        """The site source folder."""

    def locate(self, folder: Path, name: str) -> Path | None:
        """``folder/name`` if it is a file inside the site, not reached through a symlink."""

    def display(self, path: Path) -> str:
        """A path as the user knows it: relative to the site."""

    def current_entry_dir(self) -> Path | None:
        """The folder of the entry being rendered (``include_relative``)."""

    def link_target(self, relative_path: str) -> str | None:
        """``relative_url`` of the page, document or static file at that path."""

    def post_target(self, name: str) -> str | None:
        """``relative_url`` of the post ``[dir/]YYYY-MM-DD-slug``."""

    def relative_url(self, url: str) -> str:
        """``relative_url`` of a URL."""

    def highlight(self, code: str, lang: str, options: Mapping[str, Any]) -> str:
        """The ``highlight`` tag's HTML."""


def hooks_of(env: Environment) -> SiteHooks:
    """The stage's hooks attached to an environment."""
    hooks: SiteHooks = env.site_hooks  # type: ignore[attr-defined]
    return hooks


def _header(stream: TokenStream) -> tuple[Token, str]:
    """The tag token and its markup; leaves the stream on the tag's last token."""
    token = stream.expect(TOKEN_TAG)
    markup = ""
    if stream.peek.kind == TOKEN_EXPRESSION:
        next(stream)
        markup = stream.current.value
    return token, markup


class _EmptyNode(Node):
    """A node that renders nothing."""

    def render_to_output(self, _context: RenderContext, _buffer: TextIO) -> int:
        return 0


class _MarkerNode(Node):
    """Where a plugin tag we do not run stood: an HTML comment naming it.

    The plugin's output is missing from the page; the comment marks the spot for
    whoever finishes the migration by hand (``grep -r "dejekyll: unsupported"``), and
    ``--strip-comments`` removes it.
    """

    def __init__(self, token: Token, text: str) -> None:
        super().__init__(token)
        self.text = text

    def render_to_output(self, _context: RenderContext, buffer: TextIO) -> int:
        return buffer.write(self.text)


def _marker(name: str, markup: str) -> str:
    tag = f"{{% {name} {markup.strip()} %}}" if markup.strip() else f"{{% {name} %}}"
    # "--" may not appear inside an HTML comment.
    return f"<!-- dejekyll: unsupported {tag.replace('--', '- -')} -->"


# --- output -------------------------------------------------------------------------


class RubyOutputNode(OutputNode):
    """``{{ x }}`` printing ``x.to_s`` as Ruby would (floats, nil, hashes, dates)."""

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Write the value's Ruby string."""
        return buffer.write(to_s(self.expression.evaluate(context)))


class RubyOutput(Output):
    """The output statement with Ruby stringification."""

    node_class = RubyOutputNode


# --- break / continue -------------------------------------------------------------


class RubyBreak(BreakTag):
    """``break``: not blank in Ruby Liquid, so a block holding it keeps its whitespace."""

    def parse(self, stream: TokenStream) -> BreakNode:
        """Parse, marking the node as output-bearing."""
        node = super().parse(stream)
        node.blank = False
        return node


class RubyContinue(ContinueTag):
    """``continue``: not blank in Ruby Liquid (see :class:`RubyBreak`)."""

    def parse(self, stream: TokenStream) -> ContinueNode:
        """Parse, marking the node as output-bearing."""
        node = super().parse(stream)
        node.blank = False
        return node


class RubyCapture(CaptureTag):
    """``capture``: Ruby captures a whitespace-only body as it is."""

    def parse(self, stream: TokenStream) -> CaptureNode:
        """Parse, keeping a blank body's text."""
        node = super().parse(stream)
        node.block.blank = False
        return node


# --- unknown tags ---------------------------------------------------------------------

_KNOWN_INNER = frozenset(
    [
        "else",
        "elsif",
        "when",
        "endif",
        "endunless",
        "endcase",
        "endfor",
        "endcapture",
        "endcomment",
        "endraw",
        "endhighlight",
        "endtablerow",
        "endifchanged",
        "break",
        "continue",
    ]
)


class UnknownTag(Tag):
    """Any tag python-liquid has no definition for: renders nothing, warns once."""

    name = "illegal"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        """Skip the tag, leaving a diagnostic."""
        token, markup = _header(stream)
        name = token.value
        if not name:
            sink.fail("Liquid syntax error: tag with no name", token=token)
        elif name == "raw":
            # A raw block with its endraw is lexed as one token; alone, it is this.
            sink.fail("Liquid syntax error: 'raw' tag was never closed", token=token)
        elif name in _KNOWN_INNER:
            sink.fail(f"Liquid syntax error: unexpected tag '{name}'", token=token)
        elif name.startswith("end") and (name[3:] in _reported(stream)):
            return _MarkerNode(token, _marker(name, markup))
        else:
            _reported(stream).add(name)
            sink.warn(
                f"unsupported Liquid tag '{name}' (plugin not available): its output is "
                "missing, marked by an HTML comment",
                token=token,
                kind="unsupported-tag",
            )
            return _MarkerNode(token, _marker(name, markup))
        return _EmptyNode(token)


def _reported(stream: TokenStream) -> set[str]:
    found: set[str] | None = getattr(stream, "_dejekyll_unknown", None)
    if found is None:
        found = set()
        stream._dejekyll_unknown = found  # type: ignore[attr-defined]
    return found


# --- include --------------------------------------------------------------------------

_VALID_SYNTAX = re.compile(
    r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))"""
)
_VARIABLE_SYNTAX = re.compile(
    r"(?P<variable>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)", re.DOTALL
)
_FULL_VALID_SYNTAX = re.compile(r"\A\s*(?:" + _VALID_SYNTAX.pattern + r"(?=\s|\Z)\s*)*\Z")
_VALID_FILENAME = re.compile(r"^[\w/.\-()+~#@]+$", re.MULTILINE)
_INVALID_SEQUENCES = re.compile(r"[./]{2,}")

MAX_INCLUDE_DEPTH = 16


@dataclass(frozen=True, slots=True)
class _Param:
    key: str
    literal: str | None
    expression: Any


class IncludeNode(Node):
    """``{% include file k=v %}``."""

    __slots__ = ("file", "params", "relative")

    def __init__(
        self, token: Token, file: str, params: tuple[_Param, ...] | None, *, relative: bool
    ) -> None:
        super().__init__(token)
        self.blank = False
        self.file = file
        self.params = params
        self.relative = relative

    def _file_name(self, context: RenderContext) -> str:
        if not _VARIABLE_SYNTAX.match(self.file):
            return self.file
        buffer = StringIO()
        context.env.from_string(self.file).render_with_context(context, buffer, partial=True)
        return buffer.getvalue()

    def _locate(self, hooks: SiteHooks, name: str) -> Path | None:
        folder = hooks.current_entry_dir() if self.relative else hooks.includes_dir()
        if folder is None:
            return None
        return hooks.locate(folder, name)

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Render the included file in the page's context."""
        hooks = hooks_of(context.env)
        name = self._file_name(context)
        if _INVALID_SEQUENCES.search(name) or not _VALID_FILENAME.search(name):
            sink.fail(
                f"Invalid syntax for include tag. File contains invalid characters or "
                f"sequences: {name}",
                token=self.token,
            )
            return 0
        path = self._locate(hooks, name)
        tag = "include_relative" if self.relative else "include"
        if path is None:
            sink.fail(f"{tag}: could not locate the included file '{name}'", token=self.token)
            return 0
        current = sink.current()
        depth = len(current.include_stack) if current else 0
        if depth >= getattr(context.env, "include_depth_limit", MAX_INCLUDE_DEPTH):
            sink.fail(f"{tag}: include depth limit reached at '{name}'", token=self.token)
            return 0
        if current is not None:
            current.include_stack.append(self.token)
            current.include_names.append(hooks.display(path))
        try:
            template = hooks.load_include(path)
            if template is None:
                return 0
            namespace: dict[str, object] = {}
            if self.params is not None:
                namespace["include"] = {
                    param.key: param.literal
                    if param.expression is None
                    else param.expression.evaluate(context)
                    for param in self.params
                }
            before = _size(buffer)
            with context.extend(namespace):
                template.render_with_context(context, buffer, partial=True)
            return _size(buffer) - before
        finally:
            if current is not None:
                current.include_stack.pop()
                current.include_names.pop()


def _size(buffer: TextIO) -> int:
    return buffer.tell()


class IncludeTag(Tag):
    """Jekyll's ``include`` (``OptimizedIncludeTag``)."""

    name = "include"
    block = False
    relative = False

    def parse(self, stream: TokenStream) -> Node:
        """Split the markup as Jekyll does: file (maybe ``{{ var }}``), then params."""
        token, markup = _header(stream)
        markup = markup.strip()
        matched = _VARIABLE_SYNTAX.match(markup)
        if matched:
            file = matched.group("variable").strip()
            raw_params: str | None = matched.group("params").strip()
        else:
            parts = re.split(r"\s+", markup, maxsplit=1)
            file = parts[0]
            raw_params = parts[1] if len(parts) > 1 else None
        params = None
        if raw_params is not None:
            if not _FULL_VALID_SYNTAX.match(raw_params):
                sink.fail(f"Invalid syntax for {self.name} tag: {raw_params}", token=token)
                return _EmptyNode(token)
            params = tuple(self._params(raw_params, token))
        return IncludeNode(token, file, params, relative=self.relative)

    def _params(self, raw: str, token: Token) -> list[_Param]:
        found = []
        for key, double, single, variable in _VALID_SYNTAX.findall(raw):
            if variable:
                expression = FilteredExpression.parse(
                    self.env, TokenStream(tokenize(variable, token))
                )
                found.append(_Param(key, None, expression))
            elif double or not single:
                found.append(_Param(key, double.replace('\\"', '"'), None))
            else:
                found.append(_Param(key, single.replace("\\'", "'"), None))
        return found


class IncludeCachedTag(IncludeTag):
    """jekyll-include-cache's ``include_cached``: an ``include`` (cached there)."""

    name = "include_cached"


class IncludeRelativeTag(IncludeTag):
    """``include_relative``: resolved from the including page's folder."""

    name = "include_relative"
    relative = True


# --- highlight ------------------------------------------------------------------------

_HIGHLIGHT_SYNTAX = re.compile(r"^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|\"([0-9]+\s)*[0-9]+\"))?)*)$")
_OPTIONS = re.compile(r"(?:\w=\"[^\"]*\"|\w=\w|\w)+")
_EDGE_NEWLINES = re.compile(r"\A[\n\r]+|[\n\r]+\Z")


class HighlightNode(Node):
    """``{% highlight lang [linenos] %}`` … ``{% endhighlight %}``."""

    __slots__ = ("block", "lang", "options")

    def __init__(self, token: Token, lang: str, options: dict[str, Any], block: BlockNode) -> None:
        super().__init__(token)
        self.blank = False
        self.lang = lang
        self.options = options
        self.block = block

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Render the body, then highlight it."""
        inner = StringIO()
        self.block.render(context, inner)
        code = _EDGE_NEWLINES.sub("", inner.getvalue())
        prefix = to_s(context.resolve("highlighter_prefix", default=None))
        suffix = to_s(context.resolve("highlighter_suffix", default=None))
        html_text = hooks_of(context.env).highlight(code, self.lang, self.options)
        return buffer.write(prefix + html_text + suffix)


class HighlightTag(Tag):
    """Jekyll's ``highlight`` block."""

    name = "highlight"
    end = "endhighlight"
    block = True

    def parse(self, stream: TokenStream) -> Node:
        """Parse ``lang`` and options, then the body up to ``endhighlight``."""
        token, markup = _header(stream)
        next(stream)
        block = get_parser(self.env).parse_block(stream, (self.end,))
        stream.expect(TOKEN_TAG, value=self.end)
        matched = _HIGHLIGHT_SYNTAX.match(markup.strip())
        if not matched:
            sink.fail(f"Syntax Error in tag 'highlight' while parsing: {markup}", token=token)
            return _EmptyNode(token)
        return HighlightNode(token, matched.group(1).lower(), _options(matched.group(2)), block)


def _options(text: str) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for option in _OPTIONS.findall(text):
        key, _, value = option.partition("=")
        if '"' in value:
            options[key] = value.replace('"', "").split()
        else:
            options[key] = value or True
    if options.get("linenos") is True:
        options["linenos"] = "inline"
    return options


def plain_highlight(code: str, lang: str) -> str:
    """The ``highlight`` HTML without token colouring (no highlighter available)."""
    attributes = f'class="language-{lang.replace("+", "-")}" data-lang="{lang}"'
    return (
        f'<figure class="highlight"><pre><code {attributes}>'
        f"{html.escape(code, quote=False)}</code></pre></figure>"
    )


# --- link / post_url -----------------------------------------------------------------


class LinkNode(Node):
    """``{% link path %}`` / ``{% post_url name %}``."""

    __slots__ = ("markup", "post")

    def __init__(self, token: Token, markup: str, *, post: bool) -> None:
        super().__init__(token)
        self.blank = False
        self.markup = markup
        self.post = post

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Write the target's relative URL, or record that it is missing."""
        hooks = hooks_of(context.env)
        if self.post:
            found = hooks.post_target(self.markup)
            what = f"Could not find post \"{self.markup}\" in tag 'post_url'"
        else:
            target = StringIO()
            context.env.from_string(self.markup).render_with_context(context, target, partial=True)
            found = hooks.link_target(target.getvalue())
            what = f"Could not find document '{target.getvalue()}' in tag 'link'"
        if found is None:
            sink.fail(what, token=self.token)
            return 0
        return buffer.write(found)


class LinkTag(Tag):
    """Jekyll's ``link``."""

    name = "link"
    block = False
    post = False

    def parse(self, stream: TokenStream) -> Node:
        """Keep the markup (it may hold Liquid)."""
        token, markup = _header(stream)
        return LinkNode(token, markup.strip(), post=self.post)


class PostUrlTag(LinkTag):
    """Jekyll's ``post_url``."""

    name = "post_url"
    post = True


# --- gist (jekyll-gist) -----------------------------------------------------------

_GIST_ARGUMENTS = re.compile(r"\A(\S+|.*(?=/).+)\s?(\S*)\Z")


class GistNode(Node):
    """``{% gist id [file] %}``: jekyll-gist's script tag (the ``noscript`` copy needs
    the network, which Jekyll's build also does without when it is unreachable)."""

    __slots__ = ("file", "gist")

    def __init__(self, token: Token, gist: str, file: str) -> None:
        super().__init__(token)
        self.blank = False
        self.gist = gist
        self.file = file

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Write the script tag."""
        gist = _context_value(context, self.gist)
        file = _context_value(context, self.file)
        url = f"https://gist.github.com/{gist}.js"
        if file:
            url += f"?file={file}"
        return buffer.write(f'<script src="{url}"> </script>')


def _context_value(context: RenderContext, name: str) -> str:
    """``context[name]`` when that expression has a value, else the name itself."""
    if not name:
        return name
    try:
        token = Token(TOKEN_EXPRESSION, name, 0, name)
        value = FilteredExpression.parse(context.env, TokenStream(tokenize(name, token))).evaluate(
            context
        )
    except LiquidError:
        return name
    if value is None or isinstance(value, Undefined):
        return name
    return to_s(value)


class GistTag(Tag):
    """jekyll-gist's ``gist``."""

    name = "gist"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        """Split ``id [file]``."""
        token, markup = _header(stream)
        matched = _GIST_ARGUMENTS.match(markup.strip())
        if not matched:
            sink.fail(f"Syntax error in tag 'gist': {markup}", token=token)
            return _EmptyNode(token)
        return GistNode(token, matched.group(1).strip(), matched.group(2).strip())


TAGS: tuple[type[Tag], ...] = (
    RubyOutput,
    RubyBreak,
    RubyContinue,
    RubyCapture,
    IncludeTag,
    IncludeCachedTag,
    GistTag,
    IncludeRelativeTag,
    HighlightTag,
    LinkTag,
    PostUrlTag,
)
