"""dejekyll: a Jekyll site, page by page, as clean HTML.

The public API::

    dejekyll.convert_page(text, path="about.md", config=None) -> Page
    dejekyll.load_site("path/to/site") -> Site
    dejekyll.render_markdown(text) -> str      # the Markdown stage alone
    dejekyll.export_site(site, "out/", to="hugo")   # content files for Hugo/Eleventy

Names are imported lazily, so ``import dejekyll`` (and ``dejekyll --version``) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = (
    "CleanOptions",
    "ConfigError",
    "DejekyllError",
    "Diagnostic",
    "Page",
    "Redirect",
    "Site",
    "__version__",
    "convert_page",
    "export_site",
    "load_site",
    "render_markdown",
)

_LAZY = {
    "CleanOptions": "clean",
    "ConfigError": "errors",
    "DejekyllError": "errors",
    "Diagnostic": "records",
    "Page": "records",
    "Redirect": "records",
    "Site": "site",
    "convert_page": "site",
    "export_site": "export",
    "load_site": "site",
    "render_markdown": "markdown",
}

if TYPE_CHECKING:
    from .clean import CleanOptions
    from .errors import ConfigError, DejekyllError
    from .export import export_site
    from .markdown import render_markdown
    from .records import Diagnostic, Page, Redirect
    from .site import Site, convert_page, load_site


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'dejekyll' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
