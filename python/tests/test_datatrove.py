"""The datatrove steps, alone and end to end with the local executor on a
small JSONL shard."""

import json

import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

import artlint  # noqa: E402
from artlint.datatrove import ArtlintAnnotator, ArtlintFilter  # noqa: E402

CLEAN = "The minister said so on Tuesday."
EXONYM = "Vladimir Poutine said so."


def docs(*texts):
    return [Document(text=t, id=str(i)) for i, t in enumerate(texts)]


def test_annotator_counts_and_dolma_spans():
    out = list(ArtlintAnnotator()(docs(CLEAN, EXONYM, "Ça — " + EXONYM)))
    assert [d.metadata["artlint_counts"] for d in out] == [{}, {"names/exonym": 1}, {"names/exonym": 1}]
    assert out[1].metadata["artlint_spans"] == {"names/exonym": [[9, 16, 0.5]]}
    # Code points of the document's text.
    [[start, end, _]] = out[2].metadata["artlint_spans"]["names/exonym"]
    assert out[2].text[start:end] == "Poutine"


def test_annotator_min_severity_and_key(seed):
    [doc] = ArtlintAnnotator(min_severity="warning", key="al")(docs(seed))
    assert "repetition/overuse" not in doc.metadata["al_counts"]
    assert doc.metadata["al_counts"]["scrape/boilerplate-line"] == 2


def test_filter_thresholds_per_rule(seed):
    keep_one_exonym = ArtlintFilter(thresholds={"names/exonym": 1})
    assert keep_one_exonym.filter_batch(docs(CLEAN, EXONYM, EXONYM + " " + EXONYM)) == [
        True,
        True,
        (False, "artlint:names/exonym"),
    ]
    # Default: any finding at or above warning drops the document.
    assert ArtlintFilter().filter_batch(docs(CLEAN, EXONYM)) == [True, (False, "artlint:*")]
    # The first exceeded glob is the reason; info findings do not count by default.
    strict = ArtlintFilter(thresholds={"scrape/*": 0, "*": 100})
    assert strict.filter(docs(seed)[0]) == (False, "artlint:scrape/*")
    assert ArtlintFilter(thresholds={"repetition/*": 0}).filter(docs(seed)[0]) is True
    assert ArtlintFilter(thresholds={"repetition/*": 0}, min_severity="info").filter(docs(seed)[0]) == (
        False,
        "artlint:repetition/*",
    )


def test_bad_step_arguments_fail_when_the_pipeline_is_built():
    with pytest.raises(ValueError, match="min_severity"):
        ArtlintFilter(min_severity="loud")
    with pytest.raises(ValueError, match="count >= 0"):
        ArtlintFilter(thresholds={"*": -1})
    with pytest.raises(artlint.ConfigError):
        ArtlintAnnotator(select=["nope/*"])


def test_local_executor_end_to_end(tmp_path, seed):
    shards = tmp_path / "in"
    shards.mkdir()
    records = [{"id": "clean", "text": CLEAN}, {"id": "seed", "text": seed}, {"id": "exonym", "text": EXONYM}]
    for n in range(2):
        with open(shards / f"part-{n}.jsonl", "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps({"id": f"{r['id']}-{n}", "text": r["text"]}) + "\n")
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(shards)),
            ArtlintAnnotator(),
            ArtlintFilter(
                thresholds={"scrape/*": 0},
                exclusion_writer=JsonlWriter(str(tmp_path / "dropped"), output_filename="${rank}.jsonl", compression=None),
            ),
            JsonlWriter(str(tmp_path / "kept"), output_filename="${rank}.jsonl", compression=None),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    ).run()

    def read(folder):
        rows = []
        for path in sorted((tmp_path / folder).glob("*.jsonl")):
            rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        return {r["id"]: r for r in rows}

    kept, dropped = read("kept"), read("dropped")
    assert sorted(kept) == ["clean-0", "clean-1", "exonym-0", "exonym-1"]
    assert sorted(dropped) == ["seed-0", "seed-1"]
    assert kept["exonym-0"]["metadata"]["artlint_spans"] == {"names/exonym": [[9, 16, 0.5]]}
    assert kept["clean-1"]["metadata"]["artlint_counts"] == {}
    assert dropped["seed-0"]["metadata"]["filter_reason"] == "artlint:scrape/*"
    assert dropped["seed-1"]["metadata"]["artlint_counts"]["scrape/boilerplate-line"] == 2


def test_steps_with_the_same_arguments_share_one_linter():
    from artlint import datatrove as steps

    ArtlintAnnotator(select=["names/*"])
    compiled = len(steps._LINTERS)
    ArtlintFilter(select=["names/*"], thresholds={"names/*": 0})
    ArtlintAnnotator(select=["names/*"], key="other")
    assert len(steps._LINTERS) == compiled
    ArtlintAnnotator(select=["scrape/*"])
    assert len(steps._LINTERS) == compiled + 1
