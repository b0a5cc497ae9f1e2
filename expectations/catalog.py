"""The rules' severities and thresholds as data: ``expectations/rules.toml``, or a bureau's own file over it.

The built-in file lists every rule in the order a reviewer reads a goal
table. A bureau's file (``perfgoals ingest --rules FILE`` or
``$PERFGOALS_RULES``) may change any severity (``off`` skips a rule) or
threshold; what it leaves out keeps the built-in value. An unknown rule,
setting or severity is a UsageError that names it, before any file is read.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from core.errors import UsageError

BUILT_IN = Path(__file__).with_name("rules.toml")
ENV = "PERFGOALS_RULES"
SEVERITIES = ("error", "warning", "off")


@dataclass(frozen=True)
class Setting:
    """One rule's severity and thresholds."""

    name: str
    severity: str
    params: tuple[tuple[str, float], ...] = ()

    def __getitem__(self, key: str) -> float:
        return dict(self.params)[key]

    @property
    def on(self) -> bool:
        return self.severity != "off"


@dataclass(frozen=True)
class Catalog:
    """Every rule's setting, in reviewer order; hashable, so suites built from it can be cached."""

    settings: tuple[Setting, ...]
    source: str = str(BUILT_IN)

    def __getitem__(self, name: str) -> Setting:
        return self.by_name[name]

    @property
    def by_name(self) -> MappingProxyType[str, Setting]:
        return MappingProxyType({s.name: s for s in self.settings})

    def order(self, name: str) -> int:
        """Where ``name`` comes in a reviewer's reading (the built-in file's order)."""
        return [s.name for s in self.settings].index(name)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise UsageError(f"找不到审核规则文件 {path}。 No rules file at {path}.", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"审核规则文件 {path} 格式有误：{exc}。 The rules file {path} is not valid TOML: {exc}",
                         path=path) from None


def _setting(name: str, values: dict[str, Any], base: Setting | None, path: Path) -> Setting:
    if not isinstance(values, dict):
        raise UsageError(f"{path}: [{name}] 应为一节设置。 [{name}] must be a table of settings.", path=path)
    severity = values.get("severity", base.severity if base else None)
    if severity not in SEVERITIES:
        raise UsageError(f"{path}: 规则 {name} 的 severity 应为 error、warning 或 off，而不是 {severity!r}。"
                         f" The severity of rule {name} must be error, warning or off, not {severity!r}.", path=path)
    params = dict(base.params) if base else {}
    for key, value in values.items():
        if key == "severity":
            continue
        if base is not None and key not in params:
            raise UsageError(f"{path}: 规则 {name} 没有设置项 {key}（可设置：{', '.join(params) or '无'}）。"
                             f" Rule {name} has no setting {key!r}; it has: {', '.join(params) or 'none'}.", path=path)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise UsageError(f"{path}: 规则 {name} 的 {key} 应为数字。 {name}.{key} must be a number, not {value!r}.",
                             path=path)
        params[key] = float(value)
    return Setting(name, severity, tuple(sorted(params.items())))


def load_catalog(path: str | Path | None = None) -> Catalog:
    """The built-in rules, with the settings of ``path`` (default ``$PERFGOALS_RULES``, if set) over them."""
    built_in = _read(BUILT_IN)
    settings = {name: _setting(name, values, None, BUILT_IN) for name, values in built_in.items()}
    given = path if path is not None else (os.environ.get(ENV) or None)
    if given is None:
        return Catalog(tuple(settings.values()))
    own = Path(given).expanduser()
    for name, values in _read(own).items():
        if name not in settings:
            raise UsageError(f"{own}: 没有名为 {name} 的审核规则。 There is no rule named {name!r}; the rules are:"
                             f" {', '.join(settings)}.", path=own)
        settings[name] = _setting(name, values, settings[name], own)
    return Catalog(tuple(settings.values()), source=str(own))
