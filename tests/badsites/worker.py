"""A converter in a child process, for inputs that might hang or exhaust memory.

The test suite starts it with ``python worker.py`` and talks to it in JSON lines on
stdin/stdout.  Each request names an input file and a CPU budget; before converting,
the worker lowers its own ``RLIMIT_CPU`` soft limit to "CPU used so far + budget", so
an input that would spin forever is stopped by the kernel (``SIGXCPU``) after that
many seconds of CPU, however loaded the machine is.  The parent sees the worker die
and reports the budget as exceeded.

Request: ``{"mode": "markdown" | "page", "file": ..., "path": ..., "cpu": seconds,
"expect": [substrings]}``.  Reply: ``{"ok": true, "html_len": n, "found": {...},
"diagnostics": [...], "failed": bool, "cpu": seconds}`` or ``{"ok": false, "error":
traceback}`` when the converter raised.
"""

from __future__ import annotations

import json
import math
import resource
import sys
import time
import traceback
from pathlib import Path
from typing import Any


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _limit_cpu(budget: float) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(_cpu_used() + budget)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _convert(request: dict[str, Any]) -> dict[str, Any]:
    text = Path(request["file"]).read_bytes().decode("utf-8")
    if request["mode"] == "markdown":
        from dejekyll.markdown import convert_markdown

        result = convert_markdown(text, source=request.get("path"))
        html, diagnostics, failed = result.html, result.diagnostics, False
    else:
        import dejekyll

        page = dejekyll.convert_page(text, path=request.get("path", "page.md"))
        html, diagnostics, failed = page.html, page.diagnostics, page.failed
    return {
        "ok": True,
        "html_len": len(html),
        "found": {s: s in html for s in request.get("expect", ())},
        "diagnostics": [d.as_json() for d in diagnostics],
        "failed": failed,
    }


def main() -> None:
    """Warm up, say ``ready``, then answer one request per input line."""
    cap = int(sys.argv[1]) if len(sys.argv) > 1 else 3 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    import dejekyll

    dejekyll.convert_page("---\n---\n*warm* {{ 1 | plus: 1 }}\n", path="warm.md")
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        _limit_cpu(float(request.get("cpu", 10)))
        started = _cpu_used()
        wall = time.perf_counter()
        try:
            reply = _convert(request)
        except BaseException:  # noqa: BLE001 - reported to the parent, which fails the test
            reply = {"ok": False, "error": traceback.format_exc()}
        reply["cpu"] = round(_cpu_used() - started, 3)
        reply["wall"] = round(time.perf_counter() - wall, 3)
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
