"""The parts of Ruby's Addressable 2.8 that Jekyll's URLs go through.

``URL.escape_path`` uses ``Addressable::URI.encode`` (:func:`encode`); the
``relative_url`` and ``absolute_url`` filters use ``Addressable::URI.parse(...).normalize``
(:func:`normalize`).  Both split a string with RFC 3986's regular expression and treat
each part with its own character class; ``normalize`` also decodes every escape,
applies Unicode NFKC, re-encodes, lowercases scheme and host, drops default ports,
empty queries and fragments, and removes dot segments.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

_URIREGEX = re.compile(r"^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$", re.MULTILINE)
_SCHEME_FORMAT = re.compile(r"[a-z][a-z0-9.+\-]*\Z", re.IGNORECASE)
_ESCAPE = re.compile(rb"%[0-9a-fA-F]{2}")

_ALPHA_DIGIT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
UNRESERVED = frozenset(_ALPHA_DIGIT + "-._~")
SUB_DELIMS = frozenset("!$&'()*+,;=")
GEN_DELIMS = frozenset(":/?#[]@")
PCHAR = UNRESERVED | SUB_DELIMS | frozenset(":@")
SCHEME = frozenset(_ALPHA_DIGIT + "-+.")
HOST = UNRESERVED | SUB_DELIMS | frozenset("[:]")
AUTHORITY = PCHAR | frozenset("[:]")
PATH = PCHAR | frozenset("/")
QUERY = PCHAR | frozenset("/?")
FRAGMENT = QUERY
_NORMALIZED_QUERY = frozenset(_ALPHA_DIGIT + "-._~!$'()*+,=:@/?%")
_DEFAULT_PORTS = {
    "http": "80", "https": "443", "ftp": "21", "tftp": "69", "sftp": "22", "ssh": "22",
    "svn+ssh": "22", "telnet": "23", "nntp": "119", "gopher": "70", "wais": "210",
    "ldap": "389", "prospero": "1525",
}  # fmt: skip
_RUBY_SPACE = " \t\n\v\f\r\x00"


class InvalidURIError(ValueError):
    """What Addressable raises (an invalid scheme); Jekyll would stop on it."""


@dataclass(frozen=True, slots=True)
class URI:
    """A parsed URI (``None`` parts are absent, as in Addressable)."""

    scheme: str | None
    user: str | None
    password: str | None
    host: str | None
    port: str | None
    path: str
    query: str | None
    fragment: str | None

    @property
    def userinfo(self) -> str | None:
        """``user[:password]``."""
        if self.user is None:
            return None
        return self.user if self.password is None else f"{self.user}:{self.password}"

    @property
    def authority(self) -> str | None:
        """``userinfo@host:port`` (``None`` without a host)."""
        if self.host is None:
            return None
        text = f"{self.userinfo}@" if self.userinfo is not None else ""
        text += self.host
        return text + (f":{self.port}" if self.port is not None else "")

    def __str__(self) -> str:
        text = f"{self.scheme}:" if self.scheme is not None else ""
        if self.authority is not None:
            text += f"//{self.authority}"
        text += self.path
        if self.query is not None:
            text += f"?{self.query}"
        if self.fragment is not None:
            text += f"#{self.fragment}"
        return text


def parse(text: str) -> URI:
    """``Addressable::URI.parse``; :class:`InvalidURIError` for a malformed scheme."""
    match = _URIREGEX.match(text)
    if match is None:  # pragma: no cover - the expression matches at 0 on any text
        return URI(None, None, None, None, None, text, None, None)
    scheme, authority, path, query, fragment = match.group(2, 4, 5, 7, 9)
    user = password = host = port = None
    if authority is not None:
        userinfo_match = re.match(r"([^\[\]]*)@", authority)
        if userinfo_match:
            userinfo = userinfo_match.group(1).strip(_RUBY_SPACE)
            user = re.match(r"[^:]*", userinfo).group(0)  # type: ignore[union-attr]
            found = re.search(r":(.*)$", userinfo)
            password = found.group(1) if found else None
        host = re.sub(r"^([^\[\]]*)@", "", authority, count=1)
        host = re.sub(r":([^:@\[\]]*?)$", "", host, count=1)
        port_match = re.search(r":([^:@\[\]]*?)$", authority)
        port = port_match.group(1) if port_match and port_match.group(1) else None
    if scheme is not None and not _SCHEME_FORMAT.match(scheme):
        raise InvalidURIError(f"Invalid scheme format: {scheme!r}")
    return URI(scheme, user, password, host, port, path, query, fragment)


def is_absolute(text: str) -> bool:
    """``Addressable::URI.parse(text).absolute?`` (an invalid scheme counts as none)."""
    try:
        return parse(text).scheme is not None
    except InvalidURIError:
        return False


# --- encoding ----------------------------------------------------------------------------


@cache
def _byte_table(keep: frozenset[str]) -> tuple[str, ...]:
    """What each byte value becomes: itself when ASCII and in ``keep``, else ``%XX``."""
    return tuple(chr(b) if b < 0x80 and chr(b) in keep else f"%{b:02X}" for b in range(256))


def _encode_bytes(data: bytes, keep: frozenset[str]) -> str:
    table = _byte_table(keep)
    return "".join([table[byte] for byte in data])


def encode_component(text: str | None, keep: frozenset[str]) -> str | None:
    """``URI.encode_component``: every byte outside ``keep`` as ``%XX``."""
    if text is None:
        return None
    return _encode_bytes(text.encode("utf-8", "surrogateescape"), keep)


def encode(text: str) -> str:
    """``Addressable::URI.encode``: parse, then encode each part with its class."""
    uri = parse(text)
    encoded = URI(
        encode_component(uri.scheme, SCHEME),
        None,
        None,
        encode_component(uri.authority, AUTHORITY),
        None,
        encode_component(uri.path, PATH) or "",
        encode_component(uri.query, QUERY),
        encode_component(uri.fragment, FRAGMENT),
    )
    return str(encoded)


# --- normalizing ---------------------------------------------------------------------------


def _unencode(data: bytes, leave: bytes = b"") -> bytes:
    def decode(match: re.Match[bytes]) -> bytes:
        byte = bytes([int(match.group(0)[1:], 16)])
        return match.group(0) if byte in leave and leave else byte

    return _ESCAPE.sub(decode, data)


def normalize_component(text: str, keep: frozenset[str], leave: str = "") -> str:
    """``URI.normalize_component``: decode, NFKC, re-encode what ``keep`` lacks."""
    if keep.issuperset(text) and text.isascii() and "%" not in text:
        return text  # nothing to decode, NFKC keeps ASCII, every character is kept
    raw = _unencode(text.encode("utf-8", "surrogateescape"), leave.encode())
    try:
        decoded = unicodedata.normalize("NFKC", raw.decode("utf-8"))
    except UnicodeDecodeError:
        return _encode_bytes(raw, UNRESERVED | SUB_DELIMS | GEN_DELIMS)
    encoded = _encode_bytes(decoded.encode("utf-8"), keep)
    for char in leave:
        encoded = re.sub(f"%{ord(char):02x}", f"%{ord(char):02X}", encoded, flags=re.IGNORECASE)
    return encoded


def _normalize_query(query: str) -> str | None:
    pairs = []
    for pair in query.split("&"):
        raw = _unencode(pair.encode("utf-8", "surrogateescape"), b"+")
        try:
            text = unicodedata.normalize("NFKC", raw.decode("utf-8"))
        except UnicodeDecodeError:
            pairs.append(_encode_bytes(raw, UNRESERVED | SUB_DELIMS | GEN_DELIMS))
            continue
        out = []
        for index, char in enumerate(text):
            if char == "%" and text[index + 1 : index + 3].upper() != "2B":
                out.append("%25")
            elif char in _NORMALIZED_QUERY:
                out.append(char)
            else:
                out.append(_encode_bytes(char.encode("utf-8"), frozenset()))
        pairs.append(re.sub("%2b", "%2B", "".join(out)))
    component = "&".join(pairs)
    return component or None


def remove_dot_segments(path: str) -> str:
    """RFC 3986 §5.2.4, as ``Addressable::URI.normalize_path`` applies it."""
    output: list[str] = []
    rest = path
    while rest:
        if rest.startswith("../"):
            rest = rest[3:]
        elif rest.startswith(("./", "/./")):
            rest = rest[2:]
        elif rest == "/.":
            rest = "/"
        elif rest.startswith("/../"):
            rest = rest[3:]
            if output:
                output.pop()
        elif rest == "/..":
            rest = "/"
            if output:
                output.pop()
        elif rest in (".", ".."):
            rest = ""
        else:
            start = 1 if rest.startswith("/") else 0
            end = rest.find("/", start)
            end = len(rest) if end < 0 else end
            output.append(rest[:end])
            rest = rest[end:]
    return "".join(output)


def _normalize_path(path: str, scheme: str | None) -> str:
    if scheme is None and re.match(r"(?!/)[^/:]*:", path):
        path = path.replace(":", "%2F", 1)
    segments = path.strip(_RUBY_SPACE).split("/")
    result = remove_dot_segments("/".join(normalize_component(s, PCHAR) for s in segments))
    if not result and scheme in ("http", "https", "ftp", "tftp"):
        return "/"
    return result


def _normalize_host(host: str) -> str:
    host = host.strip(_RUBY_SPACE).lower()
    if not host:
        return ""
    raw = _unencode(host.encode("utf-8", "surrogateescape"))
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _encode_bytes(raw, UNRESERVED | SUB_DELIMS | GEN_DELIMS)
    try:
        ascii_host = decoded.encode("idna").decode("ascii") if not decoded.isascii() else decoded
    except UnicodeError:
        ascii_host = decoded
    if re.search(r"[^.]\.$", ascii_host):
        ascii_host = ascii_host[:-1]
    return normalize_component(ascii_host, HOST)


def normalize(text: str) -> str:
    """``Addressable::URI.parse(text).normalize.to_s``."""
    uri = parse(text)
    scheme = uri.scheme.strip(_RUBY_SPACE).lower() if uri.scheme is not None else None
    host = _normalize_host(uri.host) if uri.host is not None else None
    port = uri.port
    if port is not None and scheme is not None and _DEFAULT_PORTS.get(scheme) == port:
        port = None
    user = normalize_component(uri.user.strip(_RUBY_SPACE), UNRESERVED) if uri.user else uri.user
    password = (
        normalize_component(uri.password.strip(_RUBY_SPACE), UNRESERVED)
        if uri.password
        else uri.password
    )
    query = _normalize_query(uri.query) if uri.query is not None else None
    fragment = normalize_component(uri.fragment, FRAGMENT) if uri.fragment is not None else None
    normalized = URI(
        scheme,
        user,
        password,
        host,
        port,
        _normalize_path(uri.path, scheme),
        query,
        fragment or None,
    )
    return str(normalized)
