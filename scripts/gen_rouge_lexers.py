"""Dump Rouge's lexer registry and token table into ``src/dejekyll/data/rouge.json``.

Run once per Rouge version (needs ``ruby`` with the ``rouge`` gem)::

    .venv/bin/python scripts/gen_rouge_lexers.py

The file records, for Rouge's version, every lexer's ``tag`` and ``aliases`` (what
``Rouge::Lexer.find`` accepts, case-sensitively) and every token's qualified name with its
CSS short name, plus the word lists some Rouge lexers load from their own data files
(``words``) and the long regexes of a few (``regexes``, extended syntax).
``dejekyll.highlight`` reads it to decide which languages Rouge knows.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

RUBY = r"""
require "rouge"
require "json"
lexers = Rouge::Lexer.all.sort_by(&:tag).map do |l|
  { "tag" => l.tag, "aliases" => l.aliases.uniq, "title" => l.title,
    "mimetypes" => l.mimetypes.uniq }
end
words = {
  "matlab.builtins" => Rouge::Lexers::Matlab.builtins.to_a.sort,
  "css.attributes" => Rouge::Lexers::CSS.attributes.to_a.sort,
  "css.builtins" => Rouge::Lexers::CSS.builtins.to_a.sort,
  "css.constants" => Rouge::Lexers::CSS.constants.to_a.sort,
  "css.vendor_prefixes" => Rouge::Lexers::CSS.vendor_prefixes.to_a.sort,
  "sql.keywords" => Rouge::Lexers::SQL.keywords.to_a.sort,
  "sql.keywords_type" => Rouge::Lexers::SQL.keywords_type.to_a.sort,
  "javascript.keywords" => Rouge::Lexers::Javascript.keywords.to_a.sort,
  "javascript.declarations" => Rouge::Lexers::Javascript.declarations.to_a.sort,
  "javascript.reserved" => Rouge::Lexers::Javascript.reserved.to_a.sort,
  "javascript.constants" => Rouge::Lexers::Javascript.constants.to_a.sort,
  "javascript.builtins" => Rouge::Lexers::Javascript.builtins.to_a.uniq.sort,
  "rust.keywords" => Rouge::Lexers::Rust.keywords.to_a.uniq.sort,
  "rust.builtins" => Rouge::Lexers::Rust.builtins.to_a.sort,
  "typescript.keywords" => Rouge::Lexers::Typescript.keywords.to_a.sort,
  "typescript.declarations" => Rouge::Lexers::Typescript.declarations.to_a.sort,
  "typescript.reserved" => Rouge::Lexers::Typescript.reserved.to_a.sort,
  "typescript.constants" => Rouge::Lexers::Typescript.constants.to_a.sort,
  "typescript.builtins" => Rouge::Lexers::Typescript.builtins.to_a.uniq.sort,
  "c.keywords" => Rouge::Lexers::C.keywords.to_a.sort,
  "c.keywords_type" => Rouge::Lexers::C.keywords_type.to_a.sort,
  "c.reserved" => Rouge::Lexers::C.reserved.to_a.sort,
  "c.builtins" => Rouge::Lexers::C.builtins.to_a.sort,
  "cpp.keywords" => Rouge::Lexers::Cpp.keywords.to_a.sort,
  "cpp.keywords_type" => Rouge::Lexers::Cpp.keywords_type.to_a.sort,
  "cpp.reserved" => Rouge::Lexers::Cpp.reserved.to_a.sort,
  "cpp.builtins" => Rouge::Lexers::Cpp.builtins.to_a.sort,
  "cuda.keywords" => Rouge::Lexers::CUDA.keywords.to_a.sort,
  "cuda.keywords_type" => Rouge::Lexers::CUDA.keywords_type.to_a.sort,
  "cuda.reserved" => Rouge::Lexers::CUDA.reserved.to_a.sort,
  "cuda.builtins" => Rouge::Lexers::CUDA.builtins.to_a.sort,
  "fortran.keywords" => Rouge::Lexers::Fortran.keywords.to_a.sort,
  "fortran.types" => Rouge::Lexers::Fortran.types.to_a.sort,
  "fortran.intrinsics" => Rouge::Lexers::Fortran.intrinsics.to_a.sort,
  "stata.keywords" => Rouge::Lexers::Stata::KEYWORDS.uniq.sort,
  "stata.primitive_functions" => Rouge::Lexers::Stata::PRIMITIVE_FUNCTIONS.uniq.sort,
  "stata.type_keywords" => Rouge::Lexers::Stata.type_keywords.to_a.sort,
  "stata.reserved_keywords" => Rouge::Lexers::Stata.reserved_keywords.to_a.sort,
  "mathematica.builtins" => Rouge::Lexers::Mathematica.builtins.to_a.sort,
  "lua.builtins" => Rouge::Lexers::Lua.builtins.values.flat_map(&:to_a).uniq.sort,
  "php.keywords" => Rouge::Lexers::PHP.keywords.to_a.sort,
  "php.builtins" => Rouge::Lexers::PHP.builtins.values.flat_map(&:to_a).uniq.sort,
  "apache.sections" => Rouge::Lexers::Apache.sections.to_a.sort,
  "apache.directives" => Rouge::Lexers::Apache.directives.to_a.sort,
  "apache.values" => Rouge::Lexers::Apache.values.to_a.sort,
  "ocaml.keywords" => Rouge::Lexers::OCaml.keywords.to_a.sort,
  "ocaml.word_operators" => Rouge::Lexers::OCaml.word_operators.to_a.sort,
  "ocaml.primitives" => Rouge::Lexers::OCaml.primitives.to_a.sort,
  "clojure.keywords" => Rouge::Lexers::Clojure.keywords.to_a.sort,
  "clojure.builtins" => Rouge::Lexers::Clojure.builtins.to_a.sort,
  "python.keywords" => Rouge::Lexers::Python.keywords.to_a.uniq.sort,
  "python.builtins" => (Rouge::Lexers::Python.builtins + Rouge::Lexers::Python.exceptions).uniq.sort,
  "python.builtins_pseudo" => Rouge::Lexers::Python.builtins_pseudo.to_a.sort,
}
# Regexes (extended syntax) some lexers build from long alternations.
regexes = {
  "julia.builtins" => Rouge::Lexers::Julia::BUILTINS.source,
  "julia.keywords" => Rouge::Lexers::Julia::KEYWORDS.source,
  "julia.types" => Rouge::Lexers::Julia::TYPES.source,
  "julia.operators" => Rouge::Lexers::Julia::OPERATORS.source,
}
tokens = {}
Rouge::Token.each_token { |t| tokens[t.qualname] = t.shortname }
puts JSON.pretty_generate({ "rouge_version" => Rouge.version, "lexers" => lexers,
                            "tokens" => tokens.sort.to_h, "words" => words,
                            "regexes" => regexes })
"""

OUT = Path(__file__).resolve().parent.parent / "src" / "dejekyll" / "data" / "rouge.json"


def main() -> None:
    """Run Ruby, write the JSON file."""
    text = subprocess.run(["ruby", "-e", RUBY], check=True, capture_output=True, text=True).stdout
    data = json.loads(text)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(data['lexers'])} lexers, Rouge {data['rouge_version']})")


if __name__ == "__main__":
    main()
