from artlint._artlint import (
    ArtlintError as ArtlintError,
    ConfigError as ConfigError,
    Edit as Edit,
    Finding as Finding,
    Fix as Fix,
    Linter as Linter,
    Rule as Rule,
    RuleError as RuleError,
    __version__ as __version__,
    rules as rules,
)
