"""dejekyll: a Jekyll site, page by page, as clean HTML."""

__version__ = "0.1.0"
