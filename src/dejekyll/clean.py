"""The clean stage: the fragment as Jekyll made it, minus what a new home does not want.

By default the fragment is Jekyll's, element for element and comment for comment (a
comment between two runs of white space is visible to whoever compares whitespace).
Asked to, cleaning removes HTML comments outside ``<script>``/``<style>``/``<textarea>``,
where a comment marker is text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A comment, or a raw-text element whose content must not be searched for comments.
_COMMENT_OR_RAW = re.compile(
    r"<!--.*?-->|<(script|style|textarea)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class CleanOptions:
    """What the clean stage does to a fragment."""

    strip_comments: bool = False


def strip_comments(html: str) -> str:
    """Remove HTML comments, leaving raw-text elements (``<script>`` …) untouched."""

    def replace(match: re.Match[str]) -> str:
        return match.group(0) if match.group(1) else ""

    return _COMMENT_OR_RAW.sub(replace, html)


def clean_fragment(html: str, options: CleanOptions = CleanOptions()) -> str:
    """Apply the clean options to one fragment."""
    if options.strip_comments and "<!--" in html:
        html = strip_comments(html)
    return html
