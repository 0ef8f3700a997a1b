"""kramdown-GFM Markdown conversion (Jekyll 4.3 + kramdown 2.4) on markdown-it-py."""
