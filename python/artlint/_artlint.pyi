"""Type stubs for the extension module (the Rust engine)."""

from os import PathLike
from typing import Iterable, List, Literal, Optional, Sequence, Union

_Path = Union[str, PathLike[str]]
_Format = Literal["text", "markdown", "html"]
_Offsets = Literal["chars", "bytes"]

__version__: str

class ArtlintError(ValueError):
    """Base class of artlint's errors about rules and configuration."""

class ConfigError(ArtlintError):
    """A problem in a configuration file or in ``select=``/``ignore=``;
    the message says ``file:line:column: ...``."""

class RuleError(ArtlintError):
    """A problem in a rule file; the message says ``file:line:column: ...``."""

class Edit:
    """Replace ``[start, end)`` (in the finding's offsets) with ``replacement``."""

    start: int
    end: int
    replacement: str

class Fix:
    """A suggested fix: edits applied together, and how safe that is."""

    applicability: Literal["safe", "unsafe", "display-only"]
    edits: List[Edit]
    def to_dict(self) -> dict: ...

class Finding:
    """One finding. ``start``/``end`` are code-point offsets
    (``offsets="chars"``: ``text[start:end] == finding.text``) or UTF-8 byte
    offsets (``offsets="bytes"``)."""

    rule: str
    severity: Literal["error", "warning", "info"]
    message: str
    start: int
    end: int
    text: str
    fix: Optional[Fix]
    def to_dict(self) -> dict:
        """The shape of the CLI's JSON Lines diagnostics:
        ``{"rule", "severity", "message", "span": {"start", "end"}, "text", "fix"}``."""

class Rule:
    """A rule as ``artlint rules`` lists it."""

    id: str
    severity: Literal["error", "warning", "info"]
    category: str
    message: str
    summary: str
    explain: str

class Linter:
    """A compiled set of rules.

    ``select``/``ignore`` are rule-id globs; ``config`` the path of an
    ``artlint.toml``; ``rules`` a rule file or folder of them (or a list),
    loaded with the built-in pack. Raises ``ConfigError``, ``RuleError``,
    ``FileNotFoundError`` or ``OSError``.
    """

    def __init__(
        self,
        select: Optional[Union[str, Sequence[str]]] = None,
        ignore: Optional[Union[str, Sequence[str]]] = None,
        config: Optional[_Path] = None,
        rules: Optional[Union[_Path, Sequence[_Path]]] = None,
    ) -> None: ...
    def lint(self, text: str, format: _Format = "text", offsets: _Offsets = "chars") -> List[Finding]:
        """The findings in ``text``, sorted by position (GIL released)."""
    def lint_many(
        self, texts: Iterable[str], format: _Format = "text", offsets: _Offsets = "chars"
    ) -> List[List[Finding]]:
        """The findings of each text, in order, linted on every core with the GIL released."""
    def fix(self, text: str, unsafe: bool = False, format: _Format = "text") -> str:
        """``text`` fixed until stable; safe fixes only unless ``unsafe=True``."""
    @property
    def rules(self) -> List[Rule]:
        """The rules this linter runs, sorted by id."""

def rules() -> List[Rule]:
    """The built-in rules, sorted by id."""
