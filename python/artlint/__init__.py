"""artlint: a fast linter for text quality and machine-translation or
scraping artifacts, for Python.

The engine is artlint's Rust library (the same rules and findings as the
``artlint`` command); this package adds nothing to it but the datatrove steps
in :mod:`artlint.datatrove`.

>>> import artlint
>>> linter = artlint.Linter()
>>> [(f.rule, f.text) for f in linter.lint("Vladimir Poutine said so.")]
[('names/exonym', 'Poutine')]
>>> linter.fix("Vladimir Poutine said so.", unsafe=True)
'Vladimir Putin said so.'
"""

from artlint._artlint import (
    ArtlintError,
    ConfigError,
    Edit,
    Finding,
    Fix,
    Linter,
    Rule,
    RuleError,
    __version__,
    rules,
)

__all__ = [
    "ArtlintError",
    "ConfigError",
    "Edit",
    "Finding",
    "Fix",
    "Linter",
    "Rule",
    "RuleError",
    "__version__",
    "rules",
]
