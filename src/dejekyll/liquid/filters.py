"""Jekyll's filters (``filters.rb``, ``filters/*.rb``) and Ruby Liquid's where they differ.

Each filter is a small function; :class:`JekyllFilters` binds the few that need the
site (``relative_url`` needs ``baseurl``, ``markdownify`` the converter) and
:func:`register` installs them all on an environment.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import json
import math
import random
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote, quote_plus

from liquid import Environment, Undefined
from liquid.builtin.expressions import BooleanExpression, FilteredExpression, tokenize
from liquid.context import RenderContext
from liquid.exceptions import FilterArgumentError
from liquid.filter import with_context
from liquid.stream import TokenStream
from liquid.token import Token

from ..values import ruby_float
from . import rubytime, sink, urls
from .rubyfmt import inspect, to_s

# --- helpers -------------------------------------------------------------------------


def _nil(value: object) -> bool:
    return value is None or isinstance(value, Undefined)


def _text(value: object) -> str:
    return to_s(value)


def _as_list(value: object) -> list[Any] | None:
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, Mapping) and not hasattr(value, "entry"):
        return list(value.values())
    return None


def _lookup(item: object, key: str) -> Any:
    if isinstance(item, Mapping):
        try:
            return item[key]
        except KeyError:
            return None
    return None


def item_property(item: object, prop: object) -> Any:
    """Jekyll's ``item_property``: dotted lookup, then numeric strings become numbers."""
    name = _text(prop)
    if "." in name:
        value: Any = item
        for part in name.split("."):
            value = _lookup(value, part) if value else False
    else:
        value = _lookup(item, name)
    return _parse_sort_input(value)


_INTEGER_LIKE = re.compile(r"\A\s*-?\d+\s*\Z")
_FLOAT_LIKE = re.compile(r"\A\s*-?(?:\d+\.?\d*|\.\d+)\s*\Z")


def _parse_sort_input(value: Any) -> Any:
    text = _text(value) if not isinstance(value, (Mapping, list)) else ""
    if _INTEGER_LIKE.match(text):
        return int(text)
    if _FLOAT_LIKE.match(text):
        return float(text)
    return value


def ruby_cmp(left: Any, right: Any) -> int | None:
    """Ruby's ``<=>``: ``None`` when the values do not compare."""
    numeric = (int, float)
    if isinstance(left, bool) or isinstance(right, bool):
        return 0 if left is right else None
    if isinstance(left, numeric) and isinstance(right, numeric):
        return (left > right) - (left < right)
    if isinstance(left, str) and isinstance(right, str):
        a, b = left.encode(), right.encode()
        return (a > b) - (a < b)
    if isinstance(left, dt.date) and isinstance(right, dt.date):
        if isinstance(left, dt.datetime) != isinstance(right, dt.datetime):
            return None  # Ruby: Date <=> Time is nil
        return _cmp_dates(left, right)
    if isinstance(left, list) and isinstance(right, list):
        for a, b in zip(left, right, strict=False):
            result = ruby_cmp(a, b)
            if result != 0:
                return result
        return (len(left) > len(right)) - (len(left) < len(right))
    if left is None and right is None:
        return 0
    return None


def _cmp_dates(left: dt.date, right: dt.date) -> int:
    a = rubytime.localtime(left, dt.UTC)
    b = rubytime.localtime(right, dt.UTC)
    return (a > b) - (a < b)


# --- standard Liquid filters with Ruby behaviour --------------------------------------


def date(value: object, fmt: object = None, *, zone: dt.tzinfo = dt.UTC) -> object:
    """Liquid ``date``: Ruby strftime; input returned unchanged when not a date."""
    if _nil(value):
        return None if not isinstance(value, str) else value
    if _nil(fmt) or _text(fmt) == "":
        return value
    moment = rubytime.to_date(value, zone)
    if moment is None:
        return value
    return rubytime.strftime(moment, _text(fmt))


_HTML_ESCAPE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_ESCAPE_ONCE = re.compile(r"[\"><']|&(?!(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)")


def escape(value: object) -> object:
    """``CGI.escapeHTML``: ``&<>"'``."""
    if _nil(value):
        return value
    return "".join(_HTML_ESCAPE.get(char, char) for char in _text(value))


def escape_once(value: object) -> str:
    """Escape, leaving existing entities alone."""
    return _ESCAPE_ONCE.sub(lambda m: _HTML_ESCAPE[m.group(0)[0]], _text(value))


def _flat(items: list[Any] | tuple[Any, ...]) -> list[Any]:
    flat: list[Any] = []
    for item in items:
        if isinstance(item, (list, tuple)):
            flat.extend(_flat(item))
        else:
            flat.append(item)
    return flat


def _iterator(value: object) -> list[Any]:
    """Liquid's ``InputIterator``: arrays flattened, a hash or a scalar as one item."""
    if isinstance(value, (list, tuple)):
        return _flat(value)
    if _nil(value):
        return []
    return [value]


def join(value: object, glue: object = " ") -> object:
    """Liquid ``join``: flatten, then each element's ``to_s`` joined by the glue."""
    return _text(glue).join(to_s(item) for item in _iterator(value))


def map_filter(value: object, prop: object) -> list[Any]:
    """Liquid ``map``: each item's property, ``nil`` where it has none."""
    name = _text(prop)
    result = []
    for item in _iterator(value):
        if name == "to_liquid":
            result.append(item)
        elif isinstance(item, Mapping):
            try:
                result.append(item[name])
            except KeyError:
                result.append(None)
        else:
            result.append(None)
    return result


def compact(value: object, prop: object = None) -> object:
    """Liquid ``compact``: without nils (or without items whose property is nil)."""
    items = _iterator(value)
    if _nil(prop):
        return [item for item in items if not _nil(item)]
    name = _text(prop)
    return [item for item in items if isinstance(item, Mapping) and not _nil(item.get(name))]


def round_filter(value: object, digits: object = 0) -> object:
    """Liquid ``round``: half away from zero (BigDecimal), an integer for 0 digits."""
    number = _to_number(value)
    places = _to_number(digits)
    if isinstance(number, int) and not isinstance(places, float):
        return (
            number
            if int(places) >= 0
            else int(
                decimal.Decimal(number).quantize(
                    decimal.Decimal(10) ** -int(places), rounding=decimal.ROUND_HALF_UP
                )
            )
        )
    quantum = decimal.Decimal(1).scaleb(-int(places))
    rounded = decimal.Decimal(repr(float(number))).quantize(quantum, rounding=decimal.ROUND_HALF_UP)
    if int(places) == 0:
        return int(rounded)
    return float(rounded)


def _to_number(value: object) -> int | float:
    if isinstance(value, bool) or _nil(value):
        return 0
    if isinstance(value, (int, float)):
        return value
    text = _text(value).strip()
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return to_integer(text)


def split(value: object, separator: object = None) -> list[str]:
    """Ruby ``String#split``: trailing empty strings dropped, ``" "`` splits on runs."""
    text = _text(value)
    sep = "" if _nil(separator) else _text(separator)
    if sep == "":
        return list(text)
    parts = text.split(None) if sep == " " else text.split(sep)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def url_encode(value: object) -> object:
    """``CGI.escape``: spaces become ``+``."""
    if _nil(value):
        return value
    return quote_plus(_text(value), safe="")


def default(value: object, fallback: object = "", *, allow_false: object = False) -> object:
    """Liquid ``default``: for nil, false (unless ``allow_false``) and empty values."""
    if allow_false is True:
        missing = _nil(value)
    else:
        missing = _nil(value) or value is False
    if missing or (isinstance(value, (str, list, tuple, Mapping)) and len(value) == 0):
        return fallback
    return value


def size(value: object) -> int:
    """Liquid ``size``: length of strings, arrays and hashes; ``Integer#size`` is 8."""
    if isinstance(value, (str, list, tuple, Mapping)):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return 8
    return 0


def truncate(value: object, length: object = 50, ellipsis: object = "...") -> object:
    """Liquid ``truncate``: ``length`` characters including the ellipsis."""
    if _nil(value):
        return None
    text = _text(value)
    limit = to_integer(length)
    tail = _text(ellipsis)
    keep = max(limit - len(tail), 0)
    return text[:keep] + tail if len(text) > limit else text


def truncatewords(value: object, words: object = 15, ellipsis: object = "...") -> object:
    """Liquid ``truncatewords``: the first words (split on whitespace), then the ellipsis."""
    if _nil(value):
        return None
    text = _text(value)
    count = max(to_integer(words), 1)
    parts = text.split(None, count)
    if len(parts) <= count:
        return text
    return " ".join(parts[:count]) + _text(ellipsis)


# --- Jekyll filters -------------------------------------------------------------------


def _slug_keep_default(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"


def slugify(value: object, mode: object = None) -> object:
    """``Utils.slugify`` (spec §2.4)."""
    if _nil(value):
        return None
    return _slugify(_text(value), "default" if _nil(mode) else _text(mode))


@functools.lru_cache(maxsize=4096)
def _slugify(text: str, name: str) -> str:
    if name not in ("raw", "default", "pretty", "ascii", "latin"):
        return text.lower()
    if name == "latin":
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(
            ("?" if ord(c) > 127 else c) for c in decomposed if unicodedata.category(c) != "Mn"
        )
    if name == "raw":
        slug = re.sub(r"\s+", "-", text)
    elif name == "ascii":
        slug = re.sub(r"[^A-Za-z0-9]+", "-", text)
    else:
        extra = "._~!$&'()+,;=@" if name == "pretty" else ""
        slug = "".join(c if (_slug_keep_default(c) or c in extra) else "\0" for c in text)
        slug = re.sub("\0+", "-", slug)
    slug = re.sub(r"^-|-$", "", slug, flags=re.MULTILINE)
    return slug.lower()


def xml_escape(value: object) -> object:
    """``encode(xml: :attr)`` without the surrounding quotes."""
    if _nil(value):
        return ""
    text = _text(value)
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        text = text.replace(char, entity)
    return text


def cgi_escape(value: object) -> str:
    """``CGI.escape``."""
    return quote_plus(_text(value), safe="~")


def uri_escape(value: object) -> str:
    """``Addressable::URI.normalize_component``."""
    return quote(_text(value), safe="!#$&'()*+,/:;=?@[]~%")


def normalize_whitespace(value: object) -> str:
    """Collapse whitespace runs to one space and strip."""
    return re.sub(r"\s+", " ", _text(value)).strip()


_CJK = r"\u4e00-\u9fff\u3400-\u4dbf\u30a0-\u30ff\u3040-\u309f\uac00-\ud7af\u1100-\u11ff"


def number_of_words(value: object, mode: object = None) -> int:
    """Word count; ``cjk`` and ``auto`` modes count CJK characters one by one."""
    text = _text(value)
    cjk = len(re.findall(f"[{_CJK}]", text))
    words = len(re.findall(rf"[^{_CJK}\s]+", text))
    if mode == "cjk":
        return cjk + words
    if mode == "auto":
        return len(text.split()) if cjk == 0 else cjk + words
    return len(text.split())


def array_to_sentence_string(value: object, connector: object = "and") -> object:
    """``a, b, and c``."""
    items = _as_list(value)
    if items is None:
        return value
    word = _text(connector)
    if not items:
        return ""
    if len(items) == 1:
        return to_s(items[0])
    if len(items) == 2:
        return f"{to_s(items[0])} {word} {to_s(items[1])}"
    return ", ".join(to_s(item) for item in items[:-1]) + f", {word} {to_s(items[-1])}"


_NESTED_DOC_BLACKLIST = frozenset(("content", "output", "excerpt", "next", "previous"))


def _json_ready(value: Any, depth: int = 0) -> Any:
    if depth > 20:
        return None
    if isinstance(value, Undefined):
        return None
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return to_s(value)
    if isinstance(value, Mapping):
        keys = list(value.keys())
        if depth > 0 and hasattr(value, "entry"):
            # Jekyll collapses documents nested in documents (hash_for_json).
            keys = [key for key in keys if key not in _NESTED_DOC_BLACKLIST]
        return {to_s(key): _json_ready(value[key], depth + 1) for key in keys}
    if isinstance(value, (list, tuple)):
        return [_json_ready(item, depth + 1) for item in value]
    return to_s(value)


def _json_float(value: float) -> str:
    return ruby_float(value) if math.isfinite(value) else "null"


def jsonify(value: object) -> str:
    """``to_json``: compact JSON, Unicode kept."""
    ready = _json_ready(value)
    return _dump(ready)


def _dump(value: Any) -> str:
    if isinstance(value, float):
        return _json_float(value)
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{_dump(str(k))}:{_dump(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_dump(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _compare_property(prop: Any, target: Any) -> bool:
    if _nil(target):
        return prop is None
    wanted = to_s(target)
    if isinstance(prop, str):
        return prop == wanted
    values = prop if isinstance(prop, list) else ([] if prop is None else [prop])
    return any(to_s(item) == wanted for item in values)


def where(value: object, prop: object = None, target: object = None) -> object:
    """Jekyll ``where``: items whose property equals (or contains) the target."""
    if _nil(prop) or isinstance(target, (list, Mapping)):
        return value
    items = _as_list(value)
    if items is None:
        return value
    return [item for item in items if _compare_property(item_property(item, prop), target)]


def find(value: object, prop: object = None, target: object = None) -> object:
    """Jekyll ``find``: the first item ``where`` would keep."""
    if _nil(prop) or isinstance(target, (list, Mapping)):
        return value
    items = _as_list(value)
    if items is None:
        return value
    for item in items:
        if _compare_property(item_property(item, prop), target):
            return item
    return None


def to_integer(value: object) -> int:
    """``to_i``: leading digits of a string, truncated floats, ``true`` is 1."""
    if value is True:
        return 1
    if value is False or _nil(value):
        return 0
    if isinstance(value, float):
        return int(value)
    if isinstance(value, int):
        return value
    match = re.match(r"\s*([-+]?\d+)", _text(value).replace("_", ""))
    return int(match.group(1)) if match else 0


def _cmp_sorted(items: list[Any], key: Callable[[Any], Any], nils_first: bool) -> list[Any]:
    order = -1 if nils_first else 1

    def compare(a: Any, b: Any) -> int:
        left, right = key(a), key(b)
        if left is not None and right is None:
            return -order
        if left is None and right is not None:
            return order
        result = ruby_cmp(left, right)
        if result is None:
            result = ruby_cmp(to_s(left), to_s(right)) or 0
        return result

    return sorted(items, key=functools.cmp_to_key(compare))


def sort(value: object, prop: object = None, nils: object = "first") -> object:
    """Jekyll ``sort``: by value, or by a property with nils ``first`` or ``last``."""
    if _nil(value):
        raise FilterArgumentError("Cannot sort a null object.", token=None)
    items = _as_list(value)
    if items is None:
        return value
    if _nil(prop):

        def compare(a: Any, b: Any) -> int:
            result = ruby_cmp(a, b)
            if result is None:
                raise FilterArgumentError(
                    f"comparison of {type(a).__name__} with {type(b).__name__} failed", token=None
                )
            return result

        return sorted(items, key=functools.cmp_to_key(compare))
    if nils not in ("first", "last"):
        raise FilterArgumentError(
            f"Invalid nils order: '{to_s(nils)}' is not a valid nils order. "
            "It must be 'first' or 'last'.",
            token=None,
        )
    return _cmp_sorted(items, lambda item: item_property(item, prop), nils == "first")


def _count(num: object) -> int:
    try:
        return int(num)  # type: ignore[call-overload,no-any-return]
    except (TypeError, ValueError):
        return to_integer(num)


def pop(value: object, num: object = 1) -> object:
    """A copy without the last ``num`` items."""
    if not isinstance(value, list):
        return value
    count = _count(num)
    return value[: max(len(value) - count, 0)] if count > 0 else list(value)


def push(value: object, item: object) -> object:
    """A copy with ``item`` appended."""
    return [*value, item] if isinstance(value, list) else value


def shift(value: object, num: object = 1) -> object:
    """A copy without the first ``num`` items."""
    if not isinstance(value, list):
        return value
    count = _count(num)
    return value[count:] if count > 0 else list(value)


def unshift(value: object, item: object) -> object:
    """A copy with ``item`` prepended."""
    return [item, *value] if isinstance(value, list) else value


def sample(value: object, num: object = 1) -> object:
    """Random items (as Ruby's ``sample``)."""
    items = _as_list(value)
    if items is None:
        return value
    count = _count(num)
    if count == 1:
        return random.choice(items) if items else None
    return random.sample(items, min(count, len(items)))


def inspect_filter(value: object) -> str:
    """``xml_escape(input.inspect)``."""
    return str(xml_escape(inspect(value)))


def group_by(value: object, prop: object) -> object:
    """Jekyll ``group_by``: ``[{name, items, size}]`` in first-seen order."""
    items = _as_list(value)
    if items is None:
        return value
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(to_s(item_property(item, prop)), []).append(item)
    return [{"name": name, "items": group, "size": len(group)} for name, group in groups.items()]


def strip_index(value: object) -> object:
    """Remove a trailing ``/index.html``."""
    if _nil(value) or _text(value) == "":
        return None
    return re.sub(r"/index\.html?$", "/", _text(value), count=1, flags=re.MULTILINE)


class JekyllFilters:
    """The filters that need the site: url filters, dates in the site zone, converters."""

    def __init__(
        self,
        config: Mapping[str, Any],
        *,
        zone: dt.tzinfo,
        markdownify: Callable[[str], str] | None,
        smartify: Callable[[str], str] | None,
    ) -> None:
        self.config = config
        self.zone = zone
        self._markdownify = markdownify
        self._smartify = smartify
        self._relative: dict[str, str] = {}

    def _url_of(self, value: object) -> object:
        if isinstance(value, Mapping) and "url" in value:
            return value["url"]
        return value

    def relative_url(self, value: object) -> object:
        """Jekyll ``relative_url`` (cached per input, as Jekyll's filter cache does)."""
        if _nil(value):
            return None
        text = to_s(self._url_of(value))
        found = self._relative.get(text)
        if found is None:
            base = self.config.get("baseurl")
            found = urls.relative_url(text, None if base is None else to_s(base))
            self._relative[text] = found
        return found

    def absolute_url(self, value: object) -> object:
        """Jekyll ``absolute_url``."""
        if _nil(value):
            return None
        base = self.config.get("baseurl")
        site_url = self.config.get("url")
        return urls.absolute_url(
            to_s(self._url_of(value)),
            None if site_url is None else to_s(site_url),
            None if base is None else to_s(base),
        )

    def markdownify(self, value: object) -> str:
        """The site's Markdown converter."""
        if self._markdownify is None:
            sink.warn("markdownify: no Markdown converter available", kind="liquid", once="md")
            return to_s(value)
        return self._markdownify(to_s(value))

    def smartify(self, value: object) -> str:
        """Typography only (Jekyll's SmartyPants converter)."""
        if self._smartify is None:
            sink.warn("smartify: no SmartyPants converter available", kind="liquid", once="sp")
            return to_s(value)
        return self._smartify(to_s(value))

    def date(self, value: object, fmt: object = None) -> object:
        """Liquid ``date`` (string inputs parsed in the site zone)."""
        return date(value, fmt, zone=self.zone)

    def _time(self, value: object) -> dt.datetime:
        moment = rubytime.to_date(value, self.zone)
        if moment is None:
            raise FilterArgumentError(
                f"Invalid Date: '{inspect(value)}' is not a valid datetime.", token=None
            )
        return rubytime.localtime(moment, self.zone)

    def _stringify(self, value: object, month: str, kind: object, style: object) -> object:
        if _nil(value) or to_s(value) == "":
            return value
        moment = self._time(value)
        if kind == "ordinal":
            day = moment.day
            ordinal = f"{day}{_ordinal_suffix(day)}"
            if style == "US":
                return rubytime.strftime(moment, f"{month} {ordinal}, %Y")
            return rubytime.strftime(moment, f"{ordinal} {month} %Y")
        return rubytime.strftime(moment, f"%d {month} %Y")

    def date_to_string(self, value: object, kind: object = None, style: object = None) -> object:
        """``04 Mar 2020``."""
        return self._stringify(value, "%b", kind, style)

    def date_to_long_string(
        self, value: object, kind: object = None, style: object = None
    ) -> object:
        """``04 March 2020``."""
        return self._stringify(value, "%B", kind, style)

    def date_to_xmlschema(self, value: object) -> object:
        """``2020-03-04T00:00:00+00:00``."""
        if _nil(value) or to_s(value) == "":
            return value
        return rubytime.strftime(self._time(value), "%Y-%m-%dT%H:%M:%S%:z")

    def date_to_rfc822(self, value: object) -> object:
        """``Wed, 04 Mar 2020 00:00:00 +0000``."""
        if _nil(value) or to_s(value) == "":
            return value
        return rubytime.strftime(self._time(value), "%a, %d %b %Y %H:%M:%S %z")

    def unsupported(self, name: str) -> Callable[..., object]:
        """A filter we do not run (Sass): the input passes through, with a warning."""

        def passthrough(value: object, *_args: object) -> object:
            sink.warn(f"filter '{name}' is not supported; input kept", kind="unsupported-filter")
            return value

        return passthrough


def _ordinal_suffix(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


# --- filters taking a Liquid expression ------------------------------------------------


@functools.lru_cache(maxsize=512)
def _boolean(env: Environment, expression: str) -> BooleanExpression:
    token = Token("expression", expression, 0, expression)
    return BooleanExpression.parse(env, TokenStream(tokenize(expression, token)))


@functools.lru_cache(maxsize=512)
def _filtered(env: Environment, expression: str) -> Any:
    token = Token("expression", expression, 0, expression)
    return FilteredExpression.parse(env, TokenStream(tokenize(expression, token)))


@with_context
def where_exp(
    value: object, variable: object, expression: object, *, context: RenderContext
) -> object:
    """Items for which the Liquid condition holds."""
    items = _as_list(value)
    if items is None:
        return value
    condition = _boolean(context.env, to_s(expression))
    kept = []
    for item in items:
        with context.extend({to_s(variable): item}):
            if condition.evaluate(context):
                kept.append(item)
    return kept


@with_context
def find_exp(
    value: object, variable: object, expression: object, *, context: RenderContext
) -> object:
    """The first item for which the Liquid condition holds."""
    items = _as_list(value)
    if items is None:
        return value
    condition = _boolean(context.env, to_s(expression))
    for item in items:
        with context.extend({to_s(variable): item}):
            if condition.evaluate(context):
                return item
    return None


@with_context
def group_by_exp(
    value: object, variable: object, expression: object, *, context: RenderContext
) -> object:
    """Group by the rendered value of a Liquid expression."""
    items = _as_list(value)
    if items is None:
        return value
    parsed = _filtered(context.env, to_s(expression))
    groups: dict[str, list[Any]] = {}
    for item in items:
        with context.extend({to_s(variable): item}):
            name = to_s(parsed.evaluate(context))
        groups.setdefault(name, []).append(item)
    return [{"name": name, "items": group, "size": len(group)} for name, group in groups.items()]


# --- registration ----------------------------------------------------------------------

_STRING_FILTERS = [
    "append",
    "prepend",
    "remove",
    "remove_first",
    "replace",
    "replace_first",
    "downcase",
    "upcase",
    "capitalize",
    "strip",
    "lstrip",
    "rstrip",
    "strip_html",
    "strip_newlines",
    "newline_to_br",
    "url_decode",
    "base64_encode",
    "base64_decode",
    "base64_url_safe_encode",
    "base64_url_safe_decode",
    "slice",
]


def _ruby_strings(func: Callable[..., Any]) -> Callable[..., Any]:
    """Give python-liquid's string filters Ruby's ``to_s`` of their arguments."""

    def convert(value: object) -> object:
        if isinstance(value, (float, bool, dt.date)) or value is None:
            return to_s(value)
        return value

    @functools.wraps(func)
    def wrapper(value: object, *args: object, **kwargs: object) -> Any:
        return func(convert(value), *(convert(arg) for arg in args), **kwargs)

    return wrapper


# python-liquid filters that Liquid 5.4 (Jekyll 4.3's) does not have: unknown there.
_NOT_IN_LIQUID_5_4 = [
    "remove_last",
    "replace_last",
    "squish",
    "find_index",
    "has",
    "reject",
    "sum",
    "safe",
    "escapejs",
]


def register(env: Environment, filters: JekyllFilters) -> None:
    """Install Jekyll's filters (and Ruby-exact standard ones) on ``env``."""
    for name in _NOT_IN_LIQUID_5_4:
        env.filters.pop(name, None)
    for name in _STRING_FILTERS:
        if name in env.filters:
            env.add_filter(name, _ruby_strings(env.filters[name]))
    plain: dict[str, Callable[..., Any]] = {
        "escape": escape,
        "h": escape,
        "escape_once": escape_once,
        "join": join,
        "map": map_filter,
        "compact": compact,
        "round": round_filter,
        "split": split,
        "url_encode": url_encode,
        "default": default,
        "size": size,
        "truncate": truncate,
        "truncatewords": truncatewords,
        "slugify": slugify,
        "xml_escape": xml_escape,
        "cgi_escape": cgi_escape,
        "uri_escape": uri_escape,
        "normalize_whitespace": normalize_whitespace,
        "number_of_words": number_of_words,
        "array_to_sentence_string": array_to_sentence_string,
        "jsonify": jsonify,
        "where": where,
        "where_exp": where_exp,
        "find": find,
        "find_exp": find_exp,
        "group_by": group_by,
        "group_by_exp": group_by_exp,
        "to_integer": to_integer,
        "sort": sort,
        "pop": pop,
        "push": push,
        "shift": shift,
        "unshift": unshift,
        "sample": sample,
        "inspect": inspect_filter,
        "strip_index": strip_index,
        "relative_url": filters.relative_url,
        "absolute_url": filters.absolute_url,
        "markdownify": filters.markdownify,
        "smartify": filters.smartify,
        "date": filters.date,
        "date_to_string": filters.date_to_string,
        "date_to_long_string": filters.date_to_long_string,
        "date_to_xmlschema": filters.date_to_xmlschema,
        "date_to_rfc822": filters.date_to_rfc822,
        "sassify": filters.unsupported("sassify"),
        "scssify": filters.unsupported("scssify"),
    }
    for name, func in plain.items():
        env.add_filter(name, _located(name, func))


def _located(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` with Python's value errors turned into Liquid filter errors.

    python-liquid then attaches the filter's token, so the page's diagnostic has its
    line (``{{ 99999999999999999999 | date: "%Y" }}`` overflows a timestamp).
    """

    @functools.wraps(func)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ValueError, OverflowError, ArithmeticError) as err:
            raise FilterArgumentError(f"{name}: {err}", token=None) from err

    return call


__all__ = ["JekyllFilters", "register", "ruby_cmp"]
