"""datatrove pipeline steps: an annotator that records artlint's findings in
each document's metadata, and a filter that drops documents with too many.

Both lint a batch of documents at a time with :meth:`artlint.Linter.lint_many`
(every core, GIL released). A step keeps only the linter's arguments: the
:class:`artlint.Linter` (compiled Rust, not picklable) is built on first use
in each process and shared by the steps with the same arguments.

>>> from datatrove.pipeline.readers import JsonlReader
>>> from artlint.datatrove import ArtlintAnnotator, ArtlintFilter
>>> pipeline = [
...     JsonlReader("shards/"),
...     ArtlintAnnotator(),                                  # metadata["artlint_counts"], ["artlint_spans"]
...     ArtlintFilter(thresholds={"scrape/*": 0, "*": 20}),  # drop pages with scrape residue or > 20 findings
... ]
"""

from __future__ import annotations

import fnmatch
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.batching import batched

import artlint

#: Severities in order; a finding counts when it is at or above the minimum.
SEVERITIES = ("info", "warning", "error")

#: The score of a span attribute (dolma's ``[start, end, score]``) by severity.
SPAN_SCORES = {"error": 1.0, "warning": 0.5, "info": 0.25}

_Paths = Union[str, Sequence[str], None]


#: Linters compiled in this process, by their arguments: the annotator and the
#: filter of one pipeline (and every task a worker runs) share one.
_LINTERS: Dict[str, artlint.Linter] = {}


def _linter(args: Mapping[str, object]) -> artlint.Linter:
    key = repr(sorted((name, str(value)) for name, value in args.items()))
    if key not in _LINTERS:
        _LINTERS[key] = artlint.Linter(**args)
    return _LINTERS[key]


class _Linting:
    """What both steps share: the linter's arguments, the linter (compiled on
    first use in each process and shared there, never pickled with the
    step), and a batch lint keeping findings at or above ``min_severity``."""

    def _setup_linting(
        self,
        select: _Paths,
        ignore: _Paths,
        config: Optional[str],
        rules: _Paths,
        format: str,
        min_severity: str,
    ) -> None:
        if min_severity not in SEVERITIES:
            raise ValueError(f"min_severity must be one of {SEVERITIES}, not {min_severity!r}")
        self._linter_args = dict(select=select, ignore=ignore, config=config, rules=rules)
        self._format = format
        self._min_rank = SEVERITIES.index(min_severity)
        # Fail when the pipeline is built, not in a worker: bad rules or config
        # raise here (ConfigError, RuleError, FileNotFoundError).
        _linter(self._linter_args)

    def _findings(self, docs: List[Document]) -> List[List[artlint.Finding]]:
        found = _linter(self._linter_args).lint_many([d.text for d in docs], format=self._format)
        return [[f for f in each if SEVERITIES.index(f.severity) >= self._min_rank] for each in found]


def counts_by_rule(findings: Iterable[artlint.Finding]) -> Dict[str, int]:
    """How many findings each rule has (rules without findings are absent)."""
    counts: Dict[str, int] = {}
    for f in findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    return counts


def spans_by_rule(findings: Iterable[artlint.Finding]) -> Dict[str, List[List[float]]]:
    """dolma-style span attributes: for each rule, ``[start, end, score]`` per
    finding, in code points of the document's text, score by severity
    (:data:`SPAN_SCORES`)."""
    spans: Dict[str, List[List[float]]] = {}
    for f in findings:
        spans.setdefault(f.rule, []).append([f.start, f.end, SPAN_SCORES[f.severity]])
    return spans


class ArtlintAnnotator(_Linting, PipelineStep):
    """Adds artlint's findings to each document's metadata: findings per rule
    under ``"{key}_counts"`` and dolma-style ``[start, end, score]`` spans per
    rule under ``"{key}_spans"`` (code-point offsets into ``doc.text``). A
    document without findings gets empty dicts. Documents are never dropped.

    Args:
        select, ignore, config, rules: as for :class:`artlint.Linter`.
        format: how the texts are read: ``"text"``, ``"markdown"`` or ``"html"``.
        min_severity: findings below it are not recorded.
        batch_size: documents linted together.
        key: the prefix of the metadata keys.
    """

    name = "🧹 artlint annotator"
    type = "🏷 - ANNOTATOR"

    def __init__(
        self,
        select: _Paths = None,
        ignore: _Paths = None,
        config: Optional[str] = None,
        rules: _Paths = None,
        format: str = "text",
        min_severity: str = "info",
        batch_size: int = 256,
        key: str = "artlint",
    ):
        super().__init__()
        self._setup_linting(select, ignore, config, rules, format, min_severity)
        self.batch_size = batch_size
        self.key = key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for batch in batched(data, self.batch_size):
            with self.track_time("batch"):
                found = self._findings(batch)
            for doc, findings in zip(batch, found):
                doc.metadata[f"{self.key}_counts"] = counts_by_rule(findings)
                doc.metadata[f"{self.key}_spans"] = spans_by_rule(findings)
                self.stat_update("documents")
                self.stat_update("findings", value=len(findings))
                self.update_doc_stats(doc)
                yield doc


class ArtlintFilter(_Linting, BaseFilter):
    """Drops documents whose findings (at or above ``min_severity``) exceed a
    threshold.

    ``thresholds`` maps rule-id globs to the most findings a document may have
    from the rules the glob matches (``{"scrape/*": 0, "names/exonym": 2}``:
    any scrape finding, or a third exonym, drops the document); ``"*"`` counts
    every rule. A dropped document's reason is ``artlint:<glob>`` (the first
    exceeded, in the mapping's order), which datatrove counts in its stats and
    writes to the exclusion writer's ``metadata["filter_reason"]``.

    Args:
        thresholds: glob -> maximum count. Default: ``{"*": 0}``, any finding
            at or above ``min_severity`` drops the document.
        min_severity: findings below it are not counted (default ``"warning"``).
        select, ignore, config, rules, format: as for :class:`ArtlintAnnotator`.
        batch_size: documents linted together.
        exclusion_writer: where dropped documents are written, if anywhere.
    """

    name = "🧹 artlint filter"

    def __init__(
        self,
        thresholds: Optional[Mapping[str, int]] = None,
        min_severity: str = "warning",
        select: _Paths = None,
        ignore: _Paths = None,
        config: Optional[str] = None,
        rules: _Paths = None,
        format: str = "text",
        batch_size: int = 256,
        exclusion_writer: Optional[DiskWriter] = None,
    ):
        super().__init__(exclusion_writer=exclusion_writer, batch_size=batch_size)
        self._setup_linting(select, ignore, config, rules, format, min_severity)
        self.thresholds: List[Tuple[str, int]] = list((thresholds or {"*": 0}).items())
        for glob, limit in self.thresholds:
            if not isinstance(limit, int) or limit < 0:
                raise ValueError(f"threshold for {glob!r} must be a count >= 0, not {limit!r}")

    def verdict(self, findings: Iterable[artlint.Finding]) -> Union[bool, Tuple[bool, str]]:
        """``True`` to keep a document with these findings, else ``(False, reason)``."""
        counts = counts_by_rule(findings)
        for glob, limit in self.thresholds:
            found = sum(n for rule, n in counts.items() if fnmatch.fnmatchcase(rule, glob))
            if found > limit:
                return False, f"artlint:{glob}"
        return True

    def filter_batch(self, batch: List[Document]) -> List[Union[bool, Tuple[bool, str]]]:
        return [self.verdict(findings) for findings in self._findings(batch)]

    def filter(self, doc: Document) -> Union[bool, Tuple[bool, str]]:
        return self.filter_batch([doc])[0]
