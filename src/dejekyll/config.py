"""The site configuration as Jekyll builds it (``Jekyll::Configuration``, ``Site#config=``).

Jekyll's defaults, under the config files (``_config.yml``, else ``.yaml``, else
``.toml``; or the files given, in order, each deep-merged over the previous), under
the overrides.  Hashes merge key by key; arrays and scalars replace; a ``nil`` never
replaces a value.  Then ``posts`` is added to the collections and Jekyll's default
excludes to ``exclude``.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .permalink import style_to_permalink
from .records import Diagnostic
from .yamlload import YAMLBombError, safe_load

DEFAULTS: Mapping[str, Any] = {
    "source": ".",
    "destination": "_site",
    "collections_dir": "",
    "cache_dir": ".jekyll-cache",
    "plugins_dir": "_plugins",
    "layouts_dir": "_layouts",
    "data_dir": "_data",
    "includes_dir": "_includes",
    "collections": {},
    "safe": False,
    "include": [".htaccess"],
    "exclude": [],
    "keep_files": [".git", ".svn"],
    "encoding": "utf-8",
    "markdown_ext": "markdown,mkdown,mkdn,mkd,md",
    "strict_front_matter": False,
    "show_drafts": None,
    "limit_posts": 0,
    "future": False,
    "unpublished": False,
    "whitelist": [],
    "plugins": [],
    "markdown": "kramdown",
    "highlighter": "rouge",
    "lsi": False,
    "excerpt_separator": "\n\n",
    "incremental": False,
    "detach": False,
    "port": "4000",
    "host": "127.0.0.1",
    "baseurl": None,
    "show_dir_listing": False,
    "permalink": "date",
    "paginate_path": "/page:num",
    "timezone": None,
    "quiet": False,
    "verbose": False,
    "defaults": [],
    "liquid": {"error_mode": "warn", "strict_filters": False, "strict_variables": False},
    "kramdown": {
        "auto_ids": True,
        "toc_levels": [1, 2, 3, 4, 5, 6],
        "entity_output": "as_char",
        "smart_quotes": "lsquo,rsquo,ldquo,rdquo",
        "input": "GFM",
        "hard_wrap": False,
        "guess_lang": True,
        "footnote_nr": 1,
        "show_warnings": False,
    },
}
"""``Jekyll::Configuration::DEFAULTS`` (source and destination relative to the site)."""

DEFAULT_EXCLUDES = (
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
)

CONFIG_NAMES = ("_config.yml", "_config.yaml", "_config.toml")
BARE_PLUGINS = ("jekyll-redirect-from",)
"""Plugins assumed for a folder with no config file (pages out of a site)."""


def deep_merge(target: Mapping[str, Any], overwrite: Mapping[str, Any]) -> dict[str, Any]:
    """``Utils.deep_merge_hashes``: a new dict; ``None`` never overwrites; hashes merge."""
    result = dict(target)
    for key, new in overwrite.items():
        if new is None and key in result:
            continue
        old = result.get(key)
        if isinstance(old, Mapping) and isinstance(new, Mapping):
            result[key] = deep_merge(old, new)
        else:
            result[key] = new
    return result


def default_config_file(source: Path) -> Path | None:
    """The site's own config file: ``_config.yml``, else ``.yaml``, else ``.toml``."""
    for name in CONFIG_NAMES:
        candidate = source / name
        if candidate.is_file():
            return candidate
    return None


def read_config_file(path: Path) -> Any:
    """One config file's content; :class:`ConfigError` if it cannot be read or parsed."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise ConfigError(
            f"the configuration file could not be read: {err}", path=str(path)
        ) from err
    except UnicodeDecodeError as err:
        raise ConfigError(f"the configuration file is not UTF-8: {err}", path=str(path)) from err
    suffix = path.suffix.lower()
    if suffix == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"TOML error: {err}", path=str(path)) from err
    if suffix not in (".yml", ".yaml"):
        raise ConfigError(
            f"no parser for {path.name!r}; use a .yml, .yaml or .toml file", path=str(path)
        )
    try:
        loaded = safe_load(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        raise ConfigError(f"YAML error: {err.problem or err}", path=str(path), line=line) from err
    except (yaml.YAMLError, YAMLBombError, RecursionError) as err:
        raise ConfigError(f"YAML error: {err}", path=str(path)) from err
    return {} if loaded is None else loaded


def _stringify_keys(value: Mapping[Any, Any]) -> dict[str, Any]:
    return {_key(k): v for k, v in value.items()}


def _key(key: object) -> str:
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return ""
    return str(key)


_ARRAY_OPTIONS = ("include", "exclude", "plugins")


def _validate(config: Mapping[str, Any], origin: str | None) -> None:
    for option in _ARRAY_OPTIONS:
        if option in config and not isinstance(config[option], list):
            raise ConfigError(
                f"{option!r} should be set as an array, but was: {config[option]!r}", path=origin
            )


def add_default_collections(config: dict[str, Any]) -> None:
    """``Configuration#add_default_collections``: ``posts`` first, written, with its template."""
    collections = config.get("collections")
    if collections is None:
        return
    if isinstance(collections, list):
        collections = {_key(label): {} for label in collections}
    if not isinstance(collections, Mapping):
        raise ConfigError(f"'collections' must be a hash or an array, but was: {collections!r}")
    merged = deep_merge({"posts": {}}, {_key(k): v for k, v in collections.items()})
    fixed: dict[str, Any] = {}
    for label, meta in merged.items():
        fixed[label] = dict(meta) if isinstance(meta, Mapping) else {}
    posts = fixed["posts"]
    posts["output"] = True
    if config.get("permalink") and not posts.get("permalink"):
        posts["permalink"] = style_to_permalink(config["permalink"])
    config["collections"] = fixed


def add_default_excludes(config: dict[str, Any]) -> None:
    """``Configuration#add_default_excludes``."""
    exclude = config.get("exclude")
    if exclude is None:
        return
    if not isinstance(exclude, list) or not all(isinstance(e, str | int | float) for e in exclude):
        raise ConfigError(f"exclude must be a list of paths, not {exclude!r}", path="_config.yml")
    config["exclude"] = list(dict.fromkeys([*map(str, exclude), *DEFAULT_EXCLUDES]))


def load_config(
    source: Path,
    *,
    config_files: Sequence[Path] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], tuple[Diagnostic, ...]]:
    """The effective configuration of the site at ``source`` and the warnings on the way.

    ``config_files`` replaces the default ``_config.yml`` lookup (like ``--config``);
    relative paths are taken from ``source``.  Raises :class:`ConfigError` when Jekyll
    would stop: a file given but missing, a syntax error, a bad ``include`` ...
    """
    problems: list[Diagnostic] = []
    config: dict[str, Any] = {}
    if config_files is None:
        found = default_config_file(source)
        files = [found] if found else []
        if found is None:
            # No _config.yml: these are pages taken out of a site, not a site. Keep the
            # redirects they ask for, as the reference oracle does (see COMPAT.md).
            config = {"plugins": list(BARE_PLUGINS)}
    else:
        files = [p if p.is_absolute() else source / p for p in config_files]
    origins: dict[str, str] = {}
    for path in files:
        if not path.is_file():
            raise ConfigError("the configuration file could not be found", path=str(path))
        loaded = read_config_file(path)
        if not isinstance(loaded, Mapping):
            # Jekyll warns and keeps what it merged so far, without the remaining files.
            problems.append(
                Diagnostic(
                    "warning",
                    str(path),
                    None,
                    "the configuration file is not a mapping; Jekyll ignores it and the "
                    "files after it",
                    kind="config",
                )
            )
            break
        loaded = _stringify_keys(loaded)
        origins.update({key: str(path) for key in _ARRAY_OPTIONS if key in loaded})
        config = deep_merge(config, loaded)
    for key in _ARRAY_OPTIONS:
        _validate({key: config[key]} if key in config else {}, origins.get(key))
    add_default_collections(config)
    config = deep_merge(config, _stringify_keys(overrides or {}))
    config = deep_merge(copy.deepcopy(dict(DEFAULTS)), config)
    add_default_collections(config)
    add_default_excludes(config)
    _validate(config, None)
    return config, tuple(problems)


def kramdown_options(config: Mapping[str, Any]) -> Mapping[str, Any]:
    """The site's ``kramdown:`` mapping, as written (the Markdown stage types the values)."""
    raw = config.get("kramdown")
    return raw if isinstance(raw, Mapping) else {}


def markdown_extensions(config: Mapping[str, Any]) -> frozenset[str]:
    """The extensions the Markdown converter takes (``markdown_ext``), dotted, lowercase."""
    raw = str(config.get("markdown_ext") or "")
    return frozenset("." + ext.lower() for ext in raw.split(","))


def plugin_enabled(config: Mapping[str, Any], name: str) -> bool:
    """Whether the site loads the gem plugin ``name`` (``plugins``, or the old ``gems``).

    In ``safe`` mode only whitelisted plugins load (``PluginManager#plugin_allowed?``).
    """
    listed = [*(config.get("plugins") or []), *(config.get("gems") or [])]
    if not any(str(p) == name for p in listed):
        return False
    return not config.get("safe") or name in [str(p) for p in config.get("whitelist") or []]
