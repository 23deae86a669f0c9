"""Every metric of ``ioarchive.metrics`` on the command line, read from its signature.

A frame metric is a function of ``ioarchive.metrics`` whose first parameters are positional
only; the ones named ``tweets`` and ``users`` are loaded from the catalog, any other (a
``column``) is given with ``--param``. Keyword parameters are given with ``--param NAME=VALUE``
and converted by their annotation; nothing here is a hand-kept table.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl

from ioarchive.cli._output import UsageError
from ioarchive.schema import TWEET_SCHEMA, USER_SCHEMA

FRAMES = ("tweets", "users")
"""Names of the frame arguments a metric can take; the CLI loads each from the catalog."""

COLUMN_ALIASES: Mapping[str, Callable[[], pl.Expr]] = {
    "domains": lambda: _url_domain("urls"),
}
"""Column names the CLI adds: ``domains`` is ``url_domain("urls")``, the URLs' hosts."""


def _url_domain(column: str) -> pl.Expr:
    from ioarchive.metrics import url_domain

    return url_domain(column).alias("domain")


@dataclass(frozen=True)
class Metric:
    """A frame metric as the command line sees it."""

    name: str
    function: Callable[..., pl.LazyFrame]

    @property
    def signature(self) -> inspect.Signature:
        """The function's signature."""
        return inspect.signature(self.function)

    @property
    def frames(self) -> list[str]:
        """The frames it takes (``tweets``, ``users``), in order."""
        return [p for p in self._positional if p in FRAMES]

    @property
    def columns(self) -> list[str]:
        """Its other positional parameters (columns), given with ``--param``."""
        return [p for p in self._positional if p not in FRAMES]

    @property
    def _positional(self) -> list[str]:
        only = inspect.Parameter.POSITIONAL_ONLY
        return [n for n, p in self.signature.parameters.items() if p.kind is only]

    @property
    def summary(self) -> str:
        """The first line of its docstring."""
        return (inspect.getdoc(self.function) or "").split("\n", 1)[0]

    def parameters(self) -> list[tuple[str, str, str]]:
        """``(name, type, default)`` of every parameter given with ``--param`` or ``--by``."""
        out = []
        for name, p in self.signature.parameters.items():
            if name in FRAMES:
                continue
            default = "required" if p.default is inspect.Parameter.empty else repr(p.default)
            out.append((name, str(p.annotation), default))
        return out

    def help(self) -> str:
        """The metric's page: usage, parameters with types and defaults, then its docstring."""
        inputs = " and ".join(self.frames)
        lines = [f"ioarchive metric {self.name} [ROOT] [--param NAME=VALUE ...]", ""]
        lines.append(f"Reads the {inputs} of the campaigns.")
        lines += ["", "Parameters:"]
        lines += [f"  {n} ({t}; default {d})" for n, t, d in self.parameters()]
        lines += ["", inspect.getdoc(self.function) or ""]
        return "\n".join(lines)

    def call(self, frames: Mapping[str, pl.LazyFrame], given: Mapping[str, str]) -> pl.LazyFrame:
        """Call the metric with the loaded frames and the ``--param`` values, converted."""
        accepted = self.signature.parameters
        unknown = sorted(set(given) - set(accepted) - set(FRAMES))
        if unknown:
            names = ", ".join(n for n, _, _ in self.parameters())
            raise UsageError(
                f"{self.name} takes no parameter {', '.join(unknown)}; it takes {names}"
            )
        schema = TWEET_SCHEMA if "tweets" in self.frames else USER_SCHEMA
        values = {n: convert(n, accepted[n].annotation, v, schema) for n, v in given.items()}
        missing = [c for c in self.columns if c not in values]
        if missing:
            needed = " ".join(f"--param {c}=..." for c in missing)
            raise UsageError(f"metric {self.name} needs {needed}")
        args = [frames[f] for f in self.frames] + [values.pop(c) for c in self.columns]
        return self.function(*args, **values)


def metrics() -> dict[str, Metric]:
    """Every frame metric of ``ioarchive.metrics``, by name."""
    from ioarchive import metrics as module

    found = {}
    for name in module.__all__:
        function = getattr(module, name)
        if not inspect.isfunction(function):
            continue
        first = next(iter(inspect.signature(function).parameters.values()), None)
        if first is not None and first.kind is inspect.Parameter.POSITIONAL_ONLY:
            found[name] = Metric(name, function)
    return found


def convert(name: str, annotation: Any, value: str, schema: pl.Schema) -> Any:
    """Convert one ``--param`` value by its parameter's annotation; a bad one is a UsageError."""
    kind = str(annotation)
    if kind == "bool":
        lowered = value.lower()
        if lowered not in ("true", "false", "1", "0", "yes", "no"):
            raise UsageError(f"--param {name}={value}: expected true or false")
        return lowered in ("true", "1", "yes")
    if kind == "int":
        try:
            return int(value)
        except ValueError:
            raise UsageError(f"--param {name}={value}: expected a whole number") from None
    if kind == "float":
        try:
            return float(value)
        except ValueError:
            raise UsageError(f"--param {name}={value}: expected a number") from None
    if kind == "By":
        columns = [c for c in value.split(",") if c]
        for column in columns:
            _check_column("--by" if name == "by" else f"--param {name}=", column, schema)
        return columns[0] if len(columns) == 1 else columns
    if "pl.Expr" in kind:
        if value in COLUMN_ALIASES:
            return COLUMN_ALIASES[value]()
        _check_column(f"--param {name}=", value, schema)
    return value


def _check_column(flag: str, column: str, schema: pl.Schema) -> None:
    if column not in schema:
        choices = ", ".join([*schema, *COLUMN_ALIASES])
        sep = "" if flag.endswith("=") else " "
        raise UsageError(f"{flag}{sep}{column}: no such column; columns: {choices}")
