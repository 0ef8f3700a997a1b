"""Convert one Jekyll page with the library, then a whole site.

Run from the project root:  python examples/convert_one_page.py
"""

from pathlib import Path

import dejekyll

PAGE = """\
---
title: "Notes"
permalink: /notes/
redirect_from: /old-notes.html
---

Kramdown keeps *this* `<details>` block raw:

<details>
    <summary>Click</summary>

    Indented, but not a code block.
</details>
"""

page = dejekyll.convert_page(PAGE, path="notes.md")
print(page.url, page.output_path)  # /notes/ notes/index.html
print([r.from_url for r in page.redirects])  # ['/old-notes.html']
print(page.html)

site = dejekyll.load_site(Path(__file__).parent / "site")
for p in site.pages:
    print(f"{p.url:45} <- {p.source}")
