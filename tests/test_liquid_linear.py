"""Unclosed ``{{`` / ``{%`` runs: Jekyll's result, python-liquid's tokens, linear time.

The goldens (``fixtures/liquid_linear/expected.json``) come from the oracle
(``scripts/regen_liquid_linear.py``): either Jekyll's text after Liquid, or the
line of the Liquid syntax error that stops Jekyll's build.  On such an error we
keep the page: the text before the unclosed opener is rendered, the rest is
kept as it is, and the error is reported on Jekyll's line.
"""

from __future__ import annotations

import json
import random
import re
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

import pytest
from liquid.exceptions import LiquidSyntaxError
from liquid.lex import get_lexer
from liquid.token import Token

import dejekyll
from dejekyll.liquid.lexer import linear_lexer
from dejekyll.liquid.stage import _ruby_tokens, _settled_cut

EXPECTED = json.loads(
    (Path(__file__).parent / "fixtures" / "liquid_linear" / "expected.json").read_text("utf-8")
)
FRONT_MATTER = "---\n---\n"
FRONT_MATTER_LINES = FRONT_MATTER.count("\n")


@pytest.mark.parametrize("name", list(EXPECTED))
def test_jekyll_result(name: str) -> None:
    case = EXPECTED[name]
    page = dejekyll.convert_page(FRONT_MATTER + case["body"], path="page.html")
    errors = [d for d in page.diagnostics if d.level == "error"]
    if case["liquid"] is not None:
        assert page.html == case["liquid"]
        return
    assert errors, "Jekyll stops on a Liquid syntax error here"
    assert "syntax error" in errors[0].message
    assert errors[0].line == case["error_line"] + FRONT_MATTER_LINES
    body = case["body"]
    assert page.html.endswith(body[body.rfind("}") + 1 :]), "what follows the last closer is kept"


# --- the lexer: python-liquid's tokens and errors, in linear time -----------------

_ATOMS = (
    *("{", "}", "%", "-", " ", "a", "\n", "#", "{{", "}}", "{%", "%}", "{{-", "-%}"),
    *("{{ x }}", "{% if a %}", "{% endif %}", "{% raw %}", "{% endraw %}", "{%- raw -%}"),
    *("{% comment %}", "{% endcomment %}", "{% doc %}", "{% enddoc %}", " raw ", " endraw "),
)


def _random_templates(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(_ATOMS, k=rng.randint(0, 14))) for _ in range(count)]


def _lexed(lex: Callable[[str], Iterator[Token]], text: str) -> object:
    try:
        return [(token.kind, token.value, token.start_index) for token in lex(text)]
    except LiquidSyntaxError as err:
        assert err.token is not None
        return (err.message, err.token.start_index, err.token.value)


def test_linear_lexer_gives_python_liquids_tokens_and_errors() -> None:
    plain = get_lexer()
    fast = linear_lexer(plain)
    assert fast is not plain
    for text in _random_templates(8, 4000):
        assert _lexed(fast, text) == _lexed(plain, text), text


def _cut_until_clean(text: str, cut: Callable[[str, int], int]) -> str:
    """Cut at each lexer error, as ``LiquidStage._parse`` does, until the head lexes."""
    lex = get_lexer()
    while True:
        try:
            list(lex(text))
        except LiquidSyntaxError as err:
            assert err.token is not None
            text = text[: cut(text, err.token.start_index)]
        else:
            return text


@pytest.mark.parametrize("extra", ["", "{{", "{%", "{{{{{{{{{", "{{{{{{{%", "{{{{{ a"])
def test_settled_cut_is_where_cutting_one_by_one_ends(extra: str) -> None:
    for text in [*_random_templates(9, 1500), "{{" * 40, "{{{" * 9]:
        text += extra
        assert _cut_until_clean(text, _settled_cut) == _cut_until_clean(text, lambda _, i: i)


def test_ruby_tokens_are_liquid_4s() -> None:
    """The tokens the comment check reads are those of Ruby Liquid's tokenizer expression."""
    ruby = re.compile(r"\{%.*?%\}|\{\{.*?\}\}?|\{%|\{\{", re.DOTALL)
    rng = random.Random(5)
    atoms = ("{", "}", "%", "{{", "}}", "{%", "%}", "a", " ", "\n", "-", "comment")
    for _ in range(20_000):
        text = "".join(rng.choices(atoms, k=rng.randint(0, 12)))
        assert list(_ruby_tokens(text)) == [(m.start(), m.group()) for m in ruby.finditer(text)]


class _CpuBudgetError(Exception):
    pass


def _out_of_budget(_signum: int, _frame: FrameType | None) -> None:
    raise _CpuBudgetError


LARGE = {  # name: (page body, what the output ends with)
    "output-openers": ("{{" * 10_000, "{{" * 10_000),
    "output-openers-odd": ("{{{" * 10_000, "{{{" * 10_000),
    "tag-openers": ("{%" * 10_000, "{%" * 10_000),
    "named-tag-openers": ("{% a" * 10_000, "{% a" * 10_000),
    "output-openers-before-tag-closer": ("{{" * 10_000 + "%}", "{{" * 10_000 + "%}"),
    "tag-openers-before-output-closer": ("{%" * 10_000 + "}}", "{%" * 10_000 + "}}"),
    "output-openers-in-comment": ("a{% comment %}" + "{{" * 10_000, ""),
    "output-openers-after-page": ("{{ page.url }} text\n" * 500 + "{{" * 10_000, "{{" * 10_000),
    "openers-then-the-word-comment": ("{%" * 20_000 + " comment", " comment"),
    "output-openers-then-the-word-comment": ("{{" * 20_000 + " comment", " comment"),
}


@pytest.mark.parametrize(("body", "kept"), LARGE.values(), ids=LARGE.keys())
def test_unclosed_runs_take_linear_time(body: str, kept: str) -> None:
    previous = signal.signal(signal.SIGPROF, _out_of_budget)
    signal.setitimer(signal.ITIMER_PROF, 3.0)
    try:
        page = dejekyll.convert_page(FRONT_MATTER + body, path="page.html")
    except _CpuBudgetError:
        pytest.fail("more than 3 s of CPU")
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    assert page.html.endswith(kept)
