"""The joined-rule lexers give exactly the tokens of Pygments' own loops.

Every lexer dejekyll highlights with is run over the code of every highlighting
fixture and over random text made of its languages' usual pieces, once with the
alternations of :mod:`dejekyll.fastlex` and once with Pygments' loops: the
(position, type, value) triples must be the same, one by one.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from pygments.lexer import RegexLexer
from pygments.token import Text

from dejekyll import highlight
from dejekyll.fastlex import FastExtendedRegexLexer, FastRegexLexer, faster, pygments_loops
from dejekyll.highlight_data import rouge

FIXTURES = Path(__file__).parent / "fixtures" / "highlight"
CODE = [
    path.read_text(encoding="utf-8").partition("\n")[2] for path in sorted(FIXTURES.glob("*/*.in"))
]
PIECES = [
    *"abcXYZ019 \t\n\"'`$#%&*()[]{}<>/\\|;:,.=-+!?@^~_",
    *["\r\n", "if ", "def ", "---\n", "```\n", "{%", "%}", "{{", "}}", "<<EOF\n", "EOF\n"],
    *["/*", "*/", "//", "--", "#{", "${", "\\\n", "<?php ", "?>", "x:", "function ", "$("],
    *["0x1F", "1.5e-3", "'''", '"""', "r'", 'f"', "@dec\n", "    ", "\\n", "\\u00e9", "é"],
]


def _lexers() -> dict[str, Any]:
    """One Rouge tag per lexer class dejekyll uses, for those with the joined loops."""
    found: dict[type, str] = {}
    for tag in sorted(set(rouge().names.values())):
        lexer = highlight._pygments_lexer(highlight._rules(tag))
        if isinstance(lexer, FastRegexLexer | FastExtendedRegexLexer):
            found.setdefault(type(lexer), tag)
    return {tag: cls for cls, tag in found.items()}


LEXERS = _lexers()


def _tokens(lexer: Any, text: str) -> list[tuple[int, Any, str]]:
    return list(lexer.get_tokens_unprocessed(text))


def test_most_lexers_run_joined() -> None:
    assert len(LEXERS) > 140
    assert {"python", "cpp", "r", "julia", "shell", "json", "tex", "liquid", "yaml"} <= set(LEXERS)


@pytest.mark.parametrize("tag", sorted(LEXERS))
def test_joined_rules_give_pygments_tokens(tag: str) -> None:
    lexer = highlight._pygments_lexer(highlight._rules(tag))
    rng = random.Random(tag)
    texts = [*CODE]
    for _ in range(30):
        texts.append("".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60))))
    for text in texts:
        with pygments_loops():
            expected = _tokens(lexer, text)
        assert _tokens(lexer, text) == expected, text


def test_a_lexer_that_replaces_the_loop_keeps_it() -> None:
    class Own(RegexLexer):  # type: ignore[misc]
        tokens = {"root": [(r".", Text)]}  # noqa: RUF012 (Pygments' class attribute)

        def get_tokens_unprocessed(self, text: str) -> Any:
            yield 0, Text, text

    assert list(faster(Own()).get_tokens_unprocessed("abc")) == [(0, Text, "abc")]


def test_pygments_lexers_get_the_joined_loop() -> None:
    from pygments.lexers import PythonLexer

    plain = PythonLexer(stripnl=False)
    fast = faster(plain)
    assert isinstance(fast, FastRegexLexer)
    assert isinstance(fast, PythonLexer)
    assert fast.options == plain.options
    code = "def f(x):\n    return f'{x!r:>10}' + r'\\d' # done\n"
    assert _tokens(fast, code) == _tokens(plain, code)
