#!/usr/bin/env python3
"""Time ``dejekyll build`` (cold and warm) against ``jekyll build`` on the same site.

usage: python bench/run.py [--site DIR | --docs N [--generator ours|shared]] [--runs K]
                           [--jobs 1,2] [--variants cold,warm,nocache] [--no-jekyll]
                           [--markdown] [--json FILE]

Every round runs each variant once, in turn (interleaved, so a burst of load on a
shared machine hits all of them alike), and the report gives medians over the rounds:
wall seconds, CPU seconds (user + system, workers included), MB/s of content, peak
memory (the largest process), and dejekyll's own per-stage seconds (``--timings``).

Variants: ``jekyll`` (its ``.jekyll-cache`` and destination removed first: a cold
build), ``cold jN`` (``dejekyll build --jobs N`` with an empty cache folder and no
destination: the cache is written), ``nocache jN`` (``--no-cache``), ``warm jN`` (an
unchanged rebuild: nothing changed since the cold run), ``touched jN`` (the same, after
one post's modification time changed: the site is read again and every result comes
from the render cache).  ``--markdown`` adds the Markdown stage's throughput
against plain ``MarkdownIt("commonmark")`` on the same bodies, in this process.

dejekyll runs as ``PYTHON -m dejekyll`` (``--python``, default this interpreter), with
the environment as it is, so ``PYTHONPATH`` may point at another checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED_GENERATOR = Path("/work/shared/tools/gen_site.py")
_TIMINGS = re.compile(r"timings \(s\): (.*), total")


@dataclass
class Sample:
    """One run of one variant."""

    wall: float
    cpu: float
    peak_mb: float
    stages: dict[str, float] = field(default_factory=dict)


def run(command: list[str], *, cwd: Path | None = None) -> tuple[Sample, str]:
    """Run a command to its end; its wall/CPU time, peak memory and stderr."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{text[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(wall, cpu, usage.ru_maxrss / 1024), text


def stages_of(stderr: str) -> dict[str, float]:
    """The per-stage seconds ``dejekyll build --timings`` printed."""
    found = _TIMINGS.search(stderr)
    if not found:
        return {}
    pairs = (item.rsplit(" ", 1) for item in found.group(1).split(", "))
    return {name: float(value) for name, value in pairs}


def content_bytes(site: Path) -> int:
    """Bytes of the files Jekyll renders (Markdown and HTML outside ``_site``)."""
    total = 0
    for path in site.rglob("*"):
        parts = path.relative_to(site).parts
        if any(p.startswith(".") or p in ("_site", "_layouts", "_includes") for p in parts):
            continue
        if path.suffix in (".md", ".markdown", ".html") and path.is_file():
            total += path.stat().st_size
    return total


class Bench:
    """The variants of one benchmark and their samples."""

    def __init__(
        self, site: Path, python: str, jobs: list[int], work: Path, variants: set[str]
    ) -> None:
        self.site = site
        self.python = python
        self.jobs = jobs
        self.variants = variants
        self.work = work
        self.samples: dict[str, list[Sample]] = {}
        self.trash = work / "trash"
        self.trash.mkdir(exist_ok=True)

    def set_aside(self, path: Path) -> None:
        """Move ``path`` out of the way, to be deleted once every run is timed.

        Deleting a tree of thousands of files right before a build slows the build:
        ext4 does not hand out an inode freed in the last half-minute or so, and its
        allocator searches past each of them (``recently_deleted``), so creating the
        next tree's files costs seconds of kernel time more, for either tool.
        """
        if not path.exists():
            return
        try:
            path.rename(self.trash / f"{len(list(self.trash.iterdir()))}-{path.name}")
        except OSError:  # another file system
            shutil.rmtree(path, ignore_errors=True)

    def _dejekyll(self, name: str, extra: list[str], *, fresh: bool = False) -> None:
        out = self.work / "out"
        if fresh:
            self.set_aside(out)
        command = [self.python, "-m", "dejekyll", "build", "-s", str(self.site), "-d", str(out)]
        sample, err = run([*command, "-q", "--timings", *extra])
        sample.stages = stages_of(err)
        self.samples.setdefault(name, []).append(sample)

    def jekyll(self) -> None:
        """One cold ``jekyll build``."""
        self.set_aside(self.site / ".jekyll-cache")
        self.set_aside(self.work / "j")
        sample, _ = run(["jekyll", "build", "-q", "-s", str(self.site), "-d", str(self.work / "j")])
        self.samples.setdefault("jekyll", []).append(sample)

    def dejekyll_round(self) -> None:
        """Cold (empty cache), warm (unchanged rebuild) and no-cache, per jobs setting."""
        for jobs in self.jobs:
            cache = self.work / f"cache-j{jobs}"
            self.set_aside(cache)
            flags = ["--jobs", str(jobs)]
            if self.variants & {"cold", "warm", "touched"}:
                self._dejekyll(f"cold j{jobs}", [*flags, "--cache-dir", str(cache)], fresh=True)
            if "warm" in self.variants:
                self._dejekyll(f"warm j{jobs}", [*flags, "--cache-dir", str(cache)])
            if "touched" in self.variants:
                self._touch_one_post()
                self._dejekyll(f"touched j{jobs}", [*flags, "--cache-dir", str(cache)])
            if "nocache" in self.variants:
                self._dejekyll(f"nocache j{jobs}", [*flags, "--no-cache"], fresh=True)

    def _touch_one_post(self) -> None:
        """Give one post a new modification time (its text unchanged)."""
        post = min((self.site / "_posts").glob("*.md"), default=None)
        if post is not None:
            then = time.time() - 10  # older than dejekyll's 2 s of distrust
            os.utime(post, (then, then))

    def report(self, megabytes: float) -> dict[str, dict[str, float]]:
        """Medians per variant."""
        table: dict[str, dict[str, float]] = {}
        for name, samples in self.samples.items():
            wall = statistics.median(s.wall for s in samples)
            row = {
                "wall_s": wall,
                "cpu_s": statistics.median(s.cpu for s in samples),
                "mb_per_s": megabytes / wall,
                "peak_mb": max(s.peak_mb for s in samples),
                "runs": len(samples),
            }
            stage_names = sorted({k for s in samples for k in s.stages})
            for stage in stage_names:
                row[f"stage_{stage}"] = statistics.median(s.stages.get(stage, 0.0) for s in samples)
            table[name] = row
        return table


def print_table(table: dict[str, dict[str, float]], megabytes: float) -> None:
    """The medians as a Markdown table, with ratios to jekyll and to our cold build."""
    jekyll = table.get("jekyll", {}).get("wall_s")
    print(
        f"\ncontent: {megabytes:.2f} MB; medians of {max(r['runs'] for r in table.values()):.0f} rounds\n"
    )
    print("| variant | wall s | CPU s | MB/s | peak MB | vs jekyll (wall) | vs jekyll (CPU) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    jekyll_cpu = table.get("jekyll", {}).get("cpu_s")
    for name, row in table.items():
        ratio = f"{jekyll / row['wall_s']:.2f}x" if jekyll else "-"
        cpu_ratio = f"{jekyll_cpu / row['cpu_s']:.2f}x" if jekyll_cpu else "-"
        print(
            f"| {name} | {row['wall_s']:.2f} | {row['cpu_s']:.2f} | {row['mb_per_s']:.2f} | "
            f"{row['peak_mb']:.0f} | {ratio} | {cpu_ratio} |"
        )
    for name, row in table.items():
        if name.startswith(("warm", "touched")):
            cold = table.get("cold " + name.split()[-1], {}).get("wall_s")
            if cold:
                print(f"\n{name}: {cold / row['wall_s']:.1f}x faster than the cold build")
    stages = ("read", "setup", "cache", "liquid", "markdown", "clean", "write")
    print("\nper-stage seconds (median; with workers, summed over them):\n")
    print("| variant | " + " | ".join(stages) + " |")
    print("|---|" + "---:|" * len(stages))
    for name, row in table.items():
        if name == "jekyll":
            continue
        cells = " | ".join(f"{row.get('stage_' + s, 0.0):.2f}" for s in stages)
        print(f"| {name} | {cells} |")


def print_rounds(samples: dict[str, list[Sample]]) -> None:
    """Each round's ratio to that round's ``jekyll build`` (how much the median hides)."""
    jekyll = samples.get("jekyll")
    if not jekyll:
        return
    for name, runs in samples.items():
        if name != "jekyll":
            ratios = ", ".join(
                f"{j.wall / d.wall:.2f}x" for j, d in zip(jekyll, runs, strict=False)
            )
            print(f"\n{name} against jekyll, round by round: {ratios}")


def markdown_throughput(site: Path, rounds: int) -> dict[str, float]:
    """MB/s of ``render_markdown`` and of plain CommonMark on the site's bodies."""
    from markdown_it import MarkdownIt

    from dejekyll.markdown import render_markdown

    bodies = []
    for path in sorted(site.rglob("*.md")):
        if any(p.startswith(".") for p in path.relative_to(site).parts):
            continue
        text = path.read_text("utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[-1]
        bodies.append(text)
    megabytes = sum(len(b.encode("utf-8")) for b in bodies) / 1e6
    commonmark = MarkdownIt("commonmark")
    results: dict[str, list[float]] = {"dejekyll render_markdown": [], "MarkdownIt commonmark": []}
    for _ in range(rounds):
        for name, render in (
            ("dejekyll render_markdown", render_markdown),
            ("MarkdownIt commonmark", commonmark.render),
        ):
            started = time.process_time()
            for body in bodies:
                render(body)
            results[name].append(megabytes / (time.process_time() - started))
    return {name: statistics.median(values) for name, values in results.items()}


def _site(args: argparse.Namespace, work: Path) -> Path:
    if args.site:
        return Path(args.site).resolve()
    site = work / "site"
    if args.generator == "shared":
        command = [sys.executable, str(SHARED_GENERATOR), str(site), "--pages", str(args.docs)]
    else:
        command = [sys.executable, str(HERE / "gen_site.py"), str(site), "--docs", str(args.docs)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return site


def main() -> None:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="an existing site folder")
    parser.add_argument("--docs", type=int, default=500, help="generate a site of N documents")
    parser.add_argument("--generator", choices=("ours", "shared"), default="ours")
    parser.add_argument("--runs", type=int, default=5, help="rounds (medians are reported)")
    parser.add_argument("--jobs", default=f"1,{os.cpu_count() or 1}", help="comma-separated")
    parser.add_argument(
        "--variants",
        default="cold,warm,touched,nocache",
        help="of cold, warm, touched, nocache (comma-separated)",
    )
    parser.add_argument("--python", default=sys.executable, help="interpreter for dejekyll")
    parser.add_argument("--no-jekyll", action="store_true", help="do not time jekyll build")
    parser.add_argument("--markdown", action="store_true", help="Markdown throughput too")
    parser.add_argument("--json", type=Path, help="write the medians there as JSON")
    args = parser.parse_args()
    jobs = sorted({int(j) for j in args.jobs.split(",")})
    with tempfile.TemporaryDirectory(prefix="dejekyll-bench-") as tmp:
        work = Path(tmp)
        site = _site(args, work)
        megabytes = content_bytes(site) / 1e6
        bench = Bench(site, args.python, jobs, work, set(args.variants.split(",")))
        with_jekyll = not args.no_jekyll and shutil.which("jekyll") is not None
        for index in range(args.runs):
            if with_jekyll:
                bench.jekyll()
            bench.dejekyll_round()
            print(f"round {index + 1}/{args.runs} done", file=sys.stderr)
        table = bench.report(megabytes)
        shutil.rmtree(site / ".jekyll-cache", ignore_errors=True)
        throughput = markdown_throughput(site, args.runs) if args.markdown else {}
    print_table(table, megabytes)
    print_rounds(bench.samples)
    result: dict[str, object] = {"content_mb": megabytes, "variants": table}
    if throughput:
        result["markdown_mb_per_s"] = throughput
        print("\nMarkdown throughput (CPU time, MB/s):")
        for name, value in throughput.items():
            print(f"  {name}: {value:.2f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
