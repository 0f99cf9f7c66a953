"""Findings as an Arrow column, for engines that hand Python Arrow batches:
Ray Data (``map_batches(..., batch_format="pyarrow")``) and Spark
(``DataFrame.mapInArrow``, which also works under Spark Connect).

Each row gets a list of findings, each a struct of the :class:`artlint.Finding`
fields without the fix (``rule``, ``severity``, ``message``, ``start``,
``end``, ``text``; offsets in code points unless asked otherwise). A null
text gets an empty list.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Union

import pyarrow as pa

import artlint

#: The type of one finding.
FINDING = pa.struct(
    [
        ("rule", pa.string()),
        ("severity", pa.string()),
        ("message", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
    ]
)

#: The same, as a Spark DDL type (for ``mapInArrow`` schemas).
FINDING_DDL = "array<struct<rule:string,severity:string,message:string,start:bigint,end:bigint,text:string>>"

_Batch = Union[pa.RecordBatch, pa.Table]


def findings_column(
    linter: artlint.Linter, texts: Iterable, format: str = "text", offsets: str = "chars"
) -> pa.Array:
    """A ``list<FINDING>`` array: the findings of each text, linted together
    with :meth:`artlint.Linter.lint_many`."""
    texts = ["" if t is None else t for t in texts]
    found = linter.lint_many(texts, format=format, offsets=offsets)
    rows = [
        [
            {"rule": f.rule, "severity": f.severity, "message": f.message, "start": f.start, "end": f.end, "text": f.text}
            for f in each
        ]
        for each in found
    ]
    return pa.array(rows, type=pa.list_(FINDING))


def with_findings(
    linter: artlint.Linter,
    batch: _Batch,
    text_column: str = "text",
    name: str = "artlint",
    format: str = "text",
    offsets: str = "chars",
) -> _Batch:
    """``batch`` with a ``name`` column holding the findings of ``text_column``."""
    column = findings_column(linter, batch.column(text_column).to_pylist(), format, offsets)
    if isinstance(batch, pa.Table):
        return batch.append_column(name, column)
    return pa.RecordBatch.from_arrays(list(batch.columns) + [column], names=list(batch.schema.names) + [name])


def map_batches(
    batches: Iterable[pa.RecordBatch], text_column: str = "text", name: str = "artlint", **linter_args
) -> Iterator[pa.RecordBatch]:
    """For ``DataFrame.mapInArrow``: one linter for the partition (built in
    the worker), each batch with its findings added."""
    linter = artlint.Linter(**linter_args)
    for batch in batches:
        yield with_findings(linter, batch, text_column, name)
