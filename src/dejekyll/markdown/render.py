"""HTML output of the kramdown element tree (``Kramdown::Converter::Html``).

Block structure, indentation and the endnotes follow kramdown's converter; the span content of
each block (a markdown-it ``inline`` token attached to a ``raw_text`` element) is rendered by
the callback given to :class:`HtmlRenderer`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from typing import Any

from .blocks import Element
from .html import VOID_ELEMENTS, escape_text, html_attributes

InlineRenderer = Callable[[Element], str]
_NBSP = "\u00a0"
_BACKLINK = '{}<a href="#fnref:{}" class="reversefootnote" role="doc-backlink">{}</a>'
_LANG_CLASS = re.compile(r"\blanguage-(\S+)", re.ASCII)
_LINK_TAG = re.compile(r"</?a\b[^>]*>")
_FOOTNOTE_SUP = re.compile(r'<sup id="fnref:[^"]*"[^>]*>.*?</sup>', re.DOTALL)


def escape_all(text: str) -> str:
    """kramdown ``escape_html(text)`` (``:all``): ``&``, ``<`` and ``>``."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def basic_generate_id(text: str) -> str:
    """kramdown ``basic_generate_id``: ASCII letters, digits, spaces and dashes only."""
    gen = re.sub(r"^[^a-zA-Z]+", "", text, flags=re.MULTILINE)
    gen = re.sub(r"[^a-zA-Z0-9 -]", "", gen)
    return gen.replace(" ", "-").lower()


def _code_block(code: str, lang: str | None, indent: int) -> str:
    try:
        from dejekyll.highlight import code_block
    except ImportError:  # pragma: no cover - the highlighter ships with the package
        css = (lang or "plaintext").split("?", 1)[0]
        pad = " " * indent
        body = escape_all(code)
        return (
            f'{pad}<div class="language-{css} highlighter-rouge"><div class="highlight">'
            f'<pre class="highlight"><code>{body}</code></pre></div>{pad}</div>\n'
        )
    return code_block(code, lang, indent=indent)


_DIV_CLASS = re.compile(r'<div class="language-(\S+) highlighter-rouge">')


def _with_block_attributes(code_html: str, attrs: Mapping[str, str], indent: int) -> str:
    """Put a code block's IAL attributes on its wrapper as kramdown's converter does."""
    attr = dict(attrs)
    cls = attr.get("class")
    if cls is not None and _LANG_CLASS.search(cls):
        attr["class"] = re.sub(r"\blanguage-\S+", "", cls, count=1, flags=re.ASCII).strip(
            " \t\n\v\f\r"
        )
        if not attr["class"]:
            del attr["class"]
    if not attr:
        return code_html
    pad = " " * indent
    m = _DIV_CLASS.match(code_html, len(pad))
    if m:
        attr["class"] = (
            f"language-{m.group(1)} " + f"{attr.get('class', '')} highlighter-rouge".lstrip()
        )
        tag = f"<div{html_attributes(list(attr.items()))}>"
        return code_html[: len(pad)] + tag + code_html[m.end() :]
    if code_html.startswith("<pre>", len(pad)):
        tag = f"<pre{html_attributes(list(attr.items()))}>"
        return code_html[: len(pad)] + tag + code_html[len(pad) + 5 :]
    return code_html


def _standalone_image(el: Element) -> Any:
    """The image token of a paragraph made of one image marked ``standalone``, if any."""
    if len(el.children) != 1:
        return None
    token = el.children[0].options.get("token")
    kids = getattr(token, "children", None) or []
    if len(kids) != 1 or kids[0].type != "kd_image":
        return None
    refs = (kids[0].meta or {}).get("ial_refs") or []
    return kids[0] if "standalone" in refs else None


def _int_option(options: Mapping[str, Any], name: str, default: int) -> int:
    try:
        return int(options.get(name, default))
    except (TypeError, ValueError):
        return default


_CONVERTERS: dict[tuple[type, str], Callable[..., str] | None] = {}


def _converter(renderer: type, kind: str) -> Callable[..., str] | None:
    """The ``convert_<kind>`` method of a renderer class (looked up once per kind)."""
    key = (renderer, kind)
    if key not in _CONVERTERS:
        _CONVERTERS[key] = getattr(renderer, f"convert_{kind}", None)
    return _CONVERTERS[key]


class HtmlRenderer:
    """Convert the element tree to HTML the way kramdown's HTML converter does."""

    def __init__(
        self,
        render_inline: InlineRenderer,
        options: Mapping[str, Any],
        env: Mapping[str, Any],
        footnotes: Mapping[str, Element],
        render_toc_inline: InlineRenderer | None = None,
    ) -> None:
        self.render_inline = render_inline
        self.render_toc_inline = render_toc_inline
        """Renders span text as a TOC entry holds it (links unwrapped, no footnotes)."""
        self.options = options
        self.env = env
        self.footnotes = footnotes
        self.stack: list[Element] = []
        self.used_ids: dict[str, int] = {}
        self.toc: list[tuple[int, str, Element]] = []
        self.toc_code: tuple[str, dict[str, str], str] | None = None
        self.suffix: dict[int, str] = {}

    # -------------------------------------------------------------- driver

    def render(self, root: Element) -> str:
        """Render the whole document, with endnotes and table of contents."""
        result = self.inner(root, -2)
        result += self.footnote_content()
        if self.toc_code is not None:
            toc = self.toc_tree()
            text = self.convert(toc, 0) if toc.children else ""
            result = result.replace(self.toc_code[2], text, 1)
        return result

    def inner(self, el: Element, indent: int) -> str:
        """Render the children of ``el``."""
        indent += 2
        self.stack.append(el)
        try:
            return "".join([self.convert(child, indent) for child in el.children])
        finally:
            self.stack.pop()

    def convert(self, el: Element, indent: int) -> str:
        """Render one element."""
        converter = _converter(type(self), el.type)
        if converter is None:
            return self.inner(el, indent)
        result: str = converter(self, el, indent)
        return result

    def _parent_is_raw_html(self) -> bool:
        parent = self.stack[-1] if self.stack else None
        return (
            parent is not None
            and parent.type == "html_element"
            and parent.options.get("content_model") == "raw"
        )

    # -------------------------------------------------------------- simple elements

    def convert_blank(self, el: Element, indent: int) -> str:
        """Blank lines become one newline."""
        return "\n"

    def convert_text(self, el: Element, indent: int) -> str:
        """Text kept as is by the parser (raw HTML content)."""
        return escape_text(str(el.value))

    def convert_raw_text(self, el: Element, indent: int) -> str:
        """Span content: rendered by the inline engine."""
        return self.render_inline(el)

    def convert_raw(self, el: Element, indent: int) -> str:
        """``{::nomarkdown}`` and raw HTML bodies (script/style)."""
        types = el.options.get("type") or []
        if types and "html" not in types:
            return ""
        return str(el.value) + ("\n" if el.options.get("category") == "block" else "")

    def convert_p(self, el: Element, indent: int) -> str:
        """Paragraphs (transparent ones are written without ``<p>``)."""
        if el.options.get("transparent"):
            return self.inner(el, indent) + self.suffix.pop(id(el), "")
        image = _standalone_image(el)
        if image is not None:
            return self._standalone_image(el, image, indent)
        body = self.inner(el, indent) + self.suffix.pop(id(el), "")
        return f"{' ' * indent}<p{html_attributes(list(el.attr.items()))}>{body}</p>\n"

    def _standalone_image(self, el: Element, image: Any, indent: int) -> str:
        """A paragraph holding only an image with the ``standalone`` reference: a figure."""
        figure_attr = dict(el.attr)
        image_attr = {k: str(v) for k, v in (image.attrs or {}).items()}
        for key in ("class", "id"):
            if key in image_attr and key not in figure_attr:
                figure_attr[key] = image_attr.pop(key)
        pad = " " * (indent + 2)
        body = (
            f"{pad}<img{html_attributes(list(image_attr.items()))} />\n"
            f"{pad}<figcaption>{image_attr.get('alt', '')}</figcaption>\n"
        )
        return self._indented_block("figure", figure_attr, body, indent)

    def convert_codeblock(self, el: Element, indent: int) -> str:
        """Code blocks go through the Rouge-compatible highlighter."""
        lang = el.options.get("lang")
        if lang is None:
            m = _LANG_CLASS.search(el.attr.get("class", ""))
            lang = m.group(1) if m else None
        return _with_block_attributes(_code_block(str(el.value), lang, indent), el.attr, indent)

    def convert_blockquote(self, el: Element, indent: int) -> str:
        """Blockquotes."""
        return self._indented_block("blockquote", el.attr, self.inner(el, indent), indent)

    def convert_hr(self, el: Element, indent: int) -> str:
        """Horizontal rules."""
        return f"{' ' * indent}<hr{html_attributes(list(el.attr.items()))} />\n"

    def convert_header(self, el: Element, indent: int) -> str:
        """Headers, with kramdown ids for those the GFM pass did not reach."""
        attr = dict(el.attr)
        if self.options.get("auto_ids", True) and "id" not in attr:
            attr["id"] = self.generate_id(str(el.options.get("raw_text", "")))
        level = int(el.options.get("level", 1))
        out_level = max(1, min(6, level + _int_option(self.options, "header_offset", 0)))
        in_toc = level in self.options.get("toc_levels", range(1, 7))
        if "id" in attr and in_toc and not re.search(r"\bno_toc\b", attr.get("class", "")):
            self.toc.append((level, attr["id"], el))
        body = self.inner(el, indent)
        attrs = html_attributes(list(attr.items()))
        return f"{' ' * indent}<h{out_level}{attrs}>{body}</h{out_level}>\n"

    def generate_id(self, text: str) -> str:
        """kramdown ``generate_id`` (converter counter, ``section`` fallback)."""
        gen = basic_generate_id(text) or "section"
        if gen in self.used_ids:
            self.used_ids[gen] += 1
            gen = f"{gen}-{self.used_ids[gen]}"
        else:
            self.used_ids[gen] = 0
        return str(self.options.get("auto_id_prefix", "")) + gen

    def convert_math(self, el: Element, indent: int) -> str:
        """Block math: MathJax delimiters, or without a math engine kramdown's ``kdmath`` div."""
        engine = self.options.get("math_engine", "mathjax")
        if str(engine or "").lstrip(":").lower() != "mathjax":
            attr = dict(el.attr)
            attr["class"] = f"{attr.get('class', '')} kdmath".lstrip()
            body = f"$$\n{el.value}\n$$"
            return f"{' ' * indent}<div{html_attributes(list(attr.items()))}>{body}</div>\n"
        result = f"\\[{escape_all(str(el.value))}\\]\n"
        if not el.attr:
            return result
        return f"{' ' * indent}<div{html_attributes(list(el.attr.items()))}>{result}</div>\n"

    def convert_comment(self, el: Element, indent: int) -> str:
        """``{::comment}`` extension."""
        return f"{' ' * indent}<!-- {el.value} -->\n"

    def convert_xml_comment(self, el: Element, indent: int) -> str:
        """HTML comments (block comments keep their own line)."""
        if el.options.get("category") == "block" and not self._parent_is_raw_html():
            return f"{' ' * indent}{el.value}\n"
        return str(el.value)

    convert_xml_pi = convert_xml_comment

    # -------------------------------------------------------------- lists

    def convert_ul(self, el: Element, indent: int) -> str:
        """Lists (a list carrying the ``toc`` reference becomes the TOC placeholder)."""
        refs = (el.options.get("ial") or {}).get("refs") or []
        if self.toc_code is None and "toc" in refs:
            marker = f"\x00kdtoc{id(el)}\x00"
            self.toc_code = (el.type, dict(el.attr), marker)
            return marker
        return self._indented_block(el.type, el.attr, self.inner(el, indent), indent)

    convert_ol = convert_ul

    def convert_dl(self, el: Element, indent: int) -> str:
        """Definition lists."""
        return self._indented_block("dl", el.attr, self.inner(el, indent), indent)

    def convert_li(self, el: Element, indent: int) -> str:
        """List items and definitions."""
        pad = " " * indent
        out = f"{pad}<{el.type}{html_attributes(list(el.attr.items()))}>"
        res = self.inner(el, indent)
        kids = el.children
        if not kids or (kids[0].type == "p" and kids[0].options.get("transparent")):
            out += res + (pad if res.endswith("\n") else "")
        else:
            out += "\n" + res + pad
        return out + f"</{el.type}>\n"

    convert_dd = convert_li

    def convert_dt(self, el: Element, indent: int) -> str:
        """Definition terms (ids from an ``auto_ids`` reference on the list)."""
        attr = dict(el.attr)
        refs = ((self.stack[-1].options.get("ial") or {}).get("refs") or []) if self.stack else []
        if "id" not in attr:
            for ref in refs:
                m = re.match(r"auto_ids(?:-([\w-]+))?", ref, re.ASCII)
                if m:
                    gen = basic_generate_id(str(el.options.get("raw_text", "")))
                    attr["id"] = f"{m.group(1) or ''}{gen}".lstrip()
                    break
        attrs = html_attributes(list(attr.items()))
        return f"{' ' * indent}<dt{attrs}>{self.inner(el, indent)}</dt>\n"

    # -------------------------------------------------------------- tables

    def convert_table(self, el: Element, indent: int) -> str:
        """Tables and their row groups."""
        return self._indented_block(el.type, el.attr, self.inner(el, indent), indent)

    convert_thead = convert_table
    convert_tbody = convert_table
    convert_tfoot = convert_table
    convert_tr = convert_table

    def convert_td(self, el: Element, indent: int) -> str:
        """Table cells (``th`` in the head; alignment as a style)."""
        res = self.inner(el, indent)
        type_ = "th" if len(self.stack) >= 2 and self.stack[-2].type == "thead" else "td"
        attr = dict(el.attr)
        table = self.stack[-3] if len(self.stack) >= 3 else None
        row = self.stack[-1]
        alignment = "default"
        if table is not None:
            aligns = table.options.get("alignment", [])
            idx = next(i for i, c in enumerate(row.children) if c is el)
            alignment = aligns[idx] if idx < len(aligns) else "default"
        if alignment != "default":
            prefix = f"{attr['style']}; " if "style" in attr else ""
            attr["style"] = f"{prefix}text-align: {alignment}"
        body = res or _NBSP
        return f"{' ' * indent}<{type_}{html_attributes(list(attr.items()))}>{body}</{type_}>\n"

    # -------------------------------------------------------------- HTML

    def convert_html_element(self, el: Element, indent: int) -> str:
        """Raw and parsed HTML elements, re-serialised as kramdown does."""
        if el.options.get("content_model") == "raw" and el.options.get("category") == "block":
            body = self._raw_html_body(el, indent)
        else:
            body = self.inner(el, indent)
        return self._html_element(el, body, indent, self._parent_is_raw_html())

    def _html_element(self, el: Element, res: str, indent: int, parent_raw: bool) -> str:
        attrs = html_attributes(list(el.attr.items()))
        name = el.value
        if el.options.get("category") == "span":
            if not res and name in VOID_ELEMENTS:
                return f"<{name}{attrs} />"
            return f"<{name}{attrs}>{res}</{name}>"
        model = el.options.get("content_model")
        out = "" if parent_raw else " " * indent
        out += f"<{name}{attrs}"
        if el.options.get("is_closed") and model == "raw":
            out += " />"
        elif res and model != "block":
            out += f">{res}</{name}>"
        elif res:
            out += f">\n{res.removesuffix(chr(10))}\n{' ' * indent}</{name}>"
        elif name in VOID_ELEMENTS:
            out += " />"
        else:
            out += f"></{name}>"
        if not parent_raw:
            out += "\n"
        return out

    def _raw_html_body(self, root: Element, indent: int) -> str:
        """Render the content of a raw HTML element without recursion on nested raw tags."""
        out: list[str] = []
        work: list[tuple[Element, int, int, int]] = [(root, 0, 0, indent)]
        while work:
            el, idx, start, level = work.pop()
            if idx < len(el.children):
                work.append((el, idx + 1, start, level))
                child = el.children[idx]
                if (
                    child.type == "html_element"
                    and child.options.get("content_model") == "raw"
                    and child.options.get("category") == "block"
                    and not child.options.get("is_closed")
                ):
                    work.append((child, 0, len(out), level + 2))
                    continue
                self.stack.append(el)
                try:
                    out.append(self.convert(child, level + 2))
                finally:
                    self.stack.pop()
                continue
            if el is root:
                break
            body = "".join(out[start:])
            del out[start:]
            out.append(self._html_element(el, body, level, True))
        return "".join(out)

    # -------------------------------------------------------------- footnotes and TOC

    def footnote_content(self) -> str:
        """The endnotes list (``footnote_content``)."""
        order: list[str] = self.env.get("kd_footnote_order") or []
        items: list[str] = []
        backlink_text = escape_text(str(self.options.get("footnote_backlink", "&#8617;")))
        prefix = str(self.options.get("footnote_prefix", ""))
        index = 0
        while index < len(order):
            name = order[index]
            index += 1
            fn = self.footnotes.get(name)
            if fn is None:
                continue
            li = Element("li", attr={"id": f"fn:{prefix}{name}", "role": "doc-endnote"})
            li.children = list(fn.children)
            insert_space = bool(li.children) and li.children[-1].type == "p"
            if insert_space:
                para = li.children[-1]
            else:
                para = Element("p")
                li.children.append(para)
            if backlink_text:
                links = self._backlinks(prefix + name, name, insert_space, backlink_text)
                self.suffix[id(para)] = links
            items.append(self.convert(li, 4))
        if not items:
            return ""
        start = _int_option(self.options, "footnote_nr", 1)
        ol = f'<ol start="{start}">' if start != 1 else "<ol>"
        return (
            f'<div class="footnotes" role="doc-endnotes">\n  {ol}\n'
            + "".join(items)
            + "  </ol>\n</div>\n"
        )

    def _backlinks(self, name: str, key: str, insert_space: bool, backlink_text: str) -> str:
        repeats: Mapping[str, int] = self.env.get("kd_footnote_repeats") or {}
        links = _BACKLINK.format(_NBSP if insert_space else "", name, backlink_text)
        for index in range(1, int(repeats.get(key, 0)) + 1):
            text = f"{backlink_text}<sup>{index + 1}</sup>"
            links += _BACKLINK.format(_NBSP, f"{name}:{index}", text)
        return links

    def _header_toc_text(self, header: Element) -> str:
        """A header's content for the TOC (links unwrapped, footnote references removed)."""
        env: Any = self.env
        saved = {
            key: copy.deepcopy(env.get(key))
            for key in ("kd_footnote_order", "kd_footnote_repeats", "kd_footnote_numbers")
        }
        try:
            if self.render_toc_inline is not None and all(
                child.options.get("token") is not None for child in header.children
            ):
                # kramdown's fix_for_toc_entry: Markdown links unwrapped, footnote
                # references dropped, HTML <a> elements kept.
                return "".join(self.render_toc_inline(child) for child in header.children)
            text = self.inner(header, 0)
        finally:
            for key, value in saved.items():
                if value is not None:
                    env[key] = value
        return _LINK_TAG.sub("", _FOOTNOTE_SUP.sub("", text))

    def toc_tree(self) -> Element:
        """The TOC as nested lists of links (``generate_toc_tree``)."""
        assert self.toc_code is not None
        type_, attr, _ = self.toc_code
        sections = Element(type_, attr=dict(attr))
        sections.attr.setdefault("id", "markdown-toc")
        stack: list[Element] = []
        for level, id_, header in self.toc:
            li = Element("li", options={"level": level})
            text = self._header_toc_text(header)
            link = f'<a href="#{id_}" id="{sections.attr["id"]}-{id_}">{text}</a>'
            li.children.append(
                Element("p", options={"transparent": True}, children=[Element("raw", link)])
            )
            li.children.append(Element(type_))
            while True:
                if not stack:
                    sections.children.append(li)
                    stack.append(li)
                    break
                if stack[-1].options["level"] < level:
                    stack[-1].children[-1].children.append(li)
                    stack.append(li)
                    break
                item = stack.pop()
                if not item.children[-1].children:
                    item.children.pop()
        while stack:
            item = stack.pop()
            if not item.children[-1].children:
                item.children.pop()
        return sections

    @staticmethod
    def _indented_block(name: str, attr: Mapping[str, str], body: str, indent: int) -> str:
        pad = " " * indent
        return f"{pad}<{name}{html_attributes(list(attr.items()))}>\n{body}{pad}</{name}>\n"
