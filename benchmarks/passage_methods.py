"""Which method finds reused wording: the measurement behind ``archive.passages``.

Run by hand (it is not part of ``make bench``)::

    python -m benchmarks.passage_methods setup WORK DATA_DIR
    python -m benchmarks.passage_methods compare WORK

``setup`` copies the archive ``DATA_DIR`` (the synthetic 10,000 documents) into
``WORK/archive``, imports the 43 labelled real releases, and plants a light-edit variant
of one paragraph of 30 of them (a number or name changed, a sentence dropped or added,
two edits each) in a new document of another year. ``compare`` asks every method, each
in a fresh process, for the 10 best paragraphs of other documents for those 30
paragraphs and for 20 paragraphs of synthetic documents (each re-used in hundreds of
documents with its years rewritten), and scores them against a brute-force oracle: the
exact Jaccard similarity of word 3-shingles against every paragraph of the archive.

Methods:

- ``ours``: ``Archive.similar_passages`` (the document index's answer to the passage's
  rarest words, then the paragraphs of its 64 best documents ranked by shingles);
- ``whoosh_mlt``: Whoosh's ``more_like`` over an index of paragraphs (built once into
  ``WORK/paragraph-index``), its best 10 of other documents;
- ``minhash``: datasketch MinHash (128 permutations) and LSH (threshold 0.3) over the
  paragraphs' shingles (built once into ``WORK/minhash.pickle``), the candidates ranked by
  exact Jaccard. datasketch (and scipy, which it imports) is not a dependency of the
  project: install them to measure it (``pip install datasketch``); without, it is skipped.

Recall@10 is tie-aware: the relevant paragraphs are those whose oracle similarity reaches
both 0.3 and the oracle's tenth best; a method's score for a query is how many of its 10
are relevant, over min(10, relevant).
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.fields import ID, NUMERIC, TEXT, Schema

from archive.api import Archive
from archive.passages import paragraphs_of
from archive.passages.shingles import SHINGLE_WORDS, shingled
from archive.search.analysis import make_analyzer
from benchmarks.corpora import RELEASES_DEV, shared_dir
from benchmarks.measure import RESULT_MARK, emit, progress

PLANTED = 30
SYNTHETIC_QUERIES = 20
TOP = 10
RELEVANT_MIN = 0.3
MIN_PLANT_WORDS = 30
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])")
Key = tuple[int, int]  # (document id, paragraph number)


# -- setup -----------------------------------------------------------------------------------


def setup(work: Path, data_dir: Path) -> None:
    """Copy the archive, import the real releases and plant their variants."""
    archive_dir = work / "archive"
    if archive_dir.exists():
        shutil.rmtree(archive_dir)
    work.mkdir(parents=True, exist_ok=True)
    shutil.copytree(data_dir, archive_dir)
    rng = random.Random(14)
    with Archive(archive_dir) as archive:
        synthetic_ids = [summary.id for summary in archive.list_documents()]
        results = archive.import_paths([shared_dir() / RELEASES_DEV])
        originals = [r.id for r in results if r.id is not None and r.status.value == "imported"]
        planted_dir = work / "planted"
        shutil.rmtree(planted_dir, ignore_errors=True)
        planted_dir.mkdir()
        queries: list[dict[str, Any]] = []
        for document_id in originals:
            if len(queries) == PLANTED:
                break
            document = archive.document(document_id)
            long = [
                p for p in paragraphs_of(document.text) if len(p.text.split()) >= MIN_PLANT_WORDS
            ]
            if not long:
                continue
            paragraph = rng.choice(long)
            variant, edits = _light_edit(paragraph.text, rng)
            year = (document.year or 2000) + rng.choice((-7, -3, 4, 9))
            filler = _filler(archive, rng, synthetic_ids)
            name = f"planted_{len(queries):02d}.md"
            (planted_dir / name).write_text(
                f"# Statement on file {len(queries)}\n\n12 May {year}\n\n{filler[0]}\n\n"
                f"{variant}\n\n{filler[1]}\n",
                encoding="utf-8",
            )
            queries.append(
                {"kind": "planted", "id": document_id, "paragraph": paragraph.number,
                 "edits": edits, "file": name}
            )  # fmt: skip
        archive.import_paths([planted_dir])
        for document_id in rng.sample(synthetic_ids, SYNTHETIC_QUERIES):
            searchable = [
                p for p in paragraphs_of(archive.document(document_id).text) if p.searchable
            ]
            paragraph = rng.choice(searchable)
            queries.append({"kind": "synthetic", "id": document_id, "paragraph": paragraph.number})
    (work / "queries.json").write_text(json.dumps(queries, indent=1), encoding="utf-8")
    progress(f"{PLANTED} planted variants, {SYNTHETIC_QUERIES} synthetic paragraphs in {work}")


def _light_edit(text: str, rng: random.Random) -> tuple[str, list[str]]:
    """Two light edits of a paragraph, as a release re-published years later has them."""
    edits = rng.sample(["number", "name", "drop sentence", "add sentence"], 2)
    for edit in edits:
        if edit == "number" and re.search(r"\d", text):
            text = re.sub(r"\d+", lambda m: str(int(m.group()) + 3), text, count=2)
        elif edit == "number":
            words = text.split()
            words.insert(len(words) // 2, "(2019)")
            text = " ".join(words)
        elif edit == "name":
            names = [m for m in re.finditer(r"(?<=\s)[A-Z][a-z]{3,}", text)]
            chosen = rng.choice(names) if names else None
            if chosen is not None:
                text = text[: chosen.start()] + "Lindqvist" + text[chosen.end() :]
        elif edit == "drop sentence":
            sentences = _SENTENCE.split(text)
            if len(sentences) > 2:
                del sentences[rng.randrange(len(sentences))]
                text = " ".join(sentences)
        else:
            text += " The spokesperson confirmed this again at the briefing on Monday."
    return text, edits


def _filler(archive: Archive, rng: random.Random, ids: Sequence[int]) -> list[str]:
    texts = [p.text for p in paragraphs_of(archive.document(rng.choice(ids)).text) if p.searchable]
    return rng.sample(texts, 2) if len(texts) >= 2 else texts * 2


# -- the oracle ------------------------------------------------------------------------------


def _all_paragraphs(database: Path) -> Iterator[tuple[Key, str, str]]:
    """Every searchable paragraph of the archive: its key, its text and its document's text."""
    connection = sqlite3.connect(database)
    try:
        rows = connection.execute(
            "SELECT id, text FROM documents WHERE id NOT IN (SELECT document_id FROM trash)"
        )
        for document_id, text in rows:
            for paragraph in paragraphs_of(text):
                if paragraph.searchable:
                    yield (document_id, paragraph.number), paragraph.text, text
    finally:
        connection.close()


def oracle(work: Path, queries: list[dict[str, Any]]) -> list[dict[Key, float]]:
    """Each query's exact Jaccard similarity with every paragraph of other documents."""
    postings: defaultdict[int, list[int]] = defaultdict(list)
    keys: list[Key] = []
    sizes: list[int] = []
    wanted = {(q["id"], q["paragraph"]) for q in queries}
    asked: dict[Key, set[int]] = {}
    for key, _text, _whole in _all_paragraphs(work / "archive" / "archive.sqlite3"):
        shingles = set(shingled(_text).shingles)
        number = len(keys)
        keys.append(key)
        sizes.append(len(shingles))
        for shingle in shingles:
            postings[shingle].append(number)
        if key in wanted:
            asked[key] = shingles
    answers = []
    for query in queries:
        mine = asked[(query["id"], query["paragraph"])]
        common: defaultdict[int, int] = defaultdict(int)
        for shingle in mine:
            for number in postings.get(shingle, ()):
                common[number] += 1
        answers.append({
            keys[n]: c / (len(mine) + sizes[n] - c)
            for n, c in common.items() if keys[n][0] != query["id"]
        })  # fmt: skip
    return answers


def recall_at_10(found: Sequence[Key], truth: dict[Key, float]) -> float | None:
    """Tie-aware recall@10 of ``found`` against the oracle; ``None`` when nothing is reused."""
    ranked = sorted(truth.values(), reverse=True)
    if not ranked or ranked[0] < RELEVANT_MIN:
        return None
    tenth = ranked[min(TOP, len(ranked)) - 1]
    bar = max(tenth, RELEVANT_MIN)
    relevant = {key for key, score in truth.items() if score >= bar}
    expected = min(TOP, len(relevant))
    return len([key for key in found[:TOP] if key in relevant]) / expected


# -- the methods, each in its own process ------------------------------------------------------


def run_method(method: str, work: Path) -> dict[str, Any]:
    queries = json.loads((work / "queries.json").read_text(encoding="utf-8"))
    started = time.perf_counter()
    answer = METHODS[method](work, queries)
    answer["total_s"] = time.perf_counter() - started
    return answer


def _ours(work: Path, queries: list[dict[str, Any]]) -> dict[str, Any]:
    opened = time.perf_counter()
    with Archive(work / "archive") as archive:
        open_s = time.perf_counter() - opened
        found, times = [], []
        for query in queries:
            started = time.perf_counter()
            result = archive.similar_passages(query["id"], paragraph=query["paragraph"], limit=TOP)
            times.append(time.perf_counter() - started)
            found.append([[m.id, m.paragraph] for m in result.matches])
    return {"found": found, "times": times, "open_s": open_s}


def _whoosh_mlt(work: Path, queries: list[dict[str, Any]]) -> dict[str, Any]:
    folder = work / "paragraph-index"
    if not folder.exists():
        folder.mkdir()
        schema = Schema(
            key=ID(unique=True, stored=True),
            doc=NUMERIC(int, stored=True),
            para=NUMERIC(int, stored=True),
            body=TEXT(analyzer=make_analyzer()),
        )
        index = whoosh_index.create_in(str(folder), schema)
        writer = index.writer(limitmb=512)
        for (document_id, number), text, _whole in _all_paragraphs(
            work / "archive" / "archive.sqlite3"
        ):
            writer.add_document(
                key=f"{document_id}:{number}", doc=document_id, para=number, body=text
            )
        writer.commit()
    opened = time.perf_counter()
    index = whoosh_index.open_dir(str(folder))
    searcher = index.searcher()
    open_s = time.perf_counter() - opened
    found, times = [], []
    for query in queries:
        started = time.perf_counter()
        docnum = searcher.document_number(key=f"{query['id']}:{query['paragraph']}")
        text = _paragraph_text(work, query)
        hits = searcher.more_like(docnum, "body", text=text, top=TOP * 4, numterms=24)
        keys = [[h["doc"], h["para"]] for h in hits if h["doc"] != query["id"]][:TOP]
        times.append(time.perf_counter() - started)
        found.append(keys)
    return {"found": found, "times": times, "open_s": open_s}


def _paragraph_text(work: Path, query: dict[str, Any]) -> str:
    connection = sqlite3.connect(work / "archive" / "archive.sqlite3")
    (text,) = connection.execute(
        "SELECT text FROM documents WHERE id = ?", (query["id"],)
    ).fetchone()
    connection.close()
    return paragraphs_of(text)[query["paragraph"] - 1].text


def _shingle_bytes(text: str) -> list[bytes]:
    stems = shingled(text).stems
    return [
        " ".join(stems[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(stems) - SHINGLE_WORDS + 1)
    ]


def _minhash(work: Path, queries: list[dict[str, Any]]) -> dict[str, Any]:
    # Not a dependency of the project: imported only when this method is measured.
    from datasketch import MinHash, MinHashLSH  # type: ignore[import-not-found, unused-ignore]  # noqa: PLC0415

    path = work / "minhash.pickle"
    if not path.exists():
        lsh = MinHashLSH(threshold=RELEVANT_MIN, num_perm=128)
        for (document_id, number), text, _whole in _all_paragraphs(
            work / "archive" / "archive.sqlite3"
        ):
            shingles = _shingle_bytes(text)
            if shingles:
                lsh.insert(f"{document_id}:{number}", MinHash.bulk([shingles], num_perm=128)[0])
        path.write_bytes(pickle.dumps(lsh))
    opened = time.perf_counter()
    lsh = pickle.loads(path.read_bytes())
    connection = sqlite3.connect(work / "archive" / "archive.sqlite3")
    open_s = time.perf_counter() - opened
    found, times = [], []
    for query in queries:
        started = time.perf_counter()
        text = _paragraph_text(work, query)
        mine = set(_shingle_bytes(text))
        keys = [
            tuple(map(int, k.split(":")))
            for k in lsh.query(MinHash.bulk([list(mine)], num_perm=128)[0])
        ]
        others = [k for k in keys if k[0] != query["id"]]
        texts = (
            dict(
                connection.execute(
                    f"SELECT id, text FROM documents WHERE id IN ({','.join('?' * len(others))})",
                    [k[0] for k in others],
                ).fetchall()
            )
            if others
            else {}
        )
        scored = []
        for document_id, number in others:
            theirs = set(_shingle_bytes(paragraphs_of(texts[document_id])[number - 1].text))
            scored.append((len(mine & theirs) / len(mine | theirs), document_id, number))
        scored.sort(reverse=True)
        times.append(time.perf_counter() - started)
        found.append([[d, n] for _s, d, n in scored[:TOP]])
    return {"found": found, "times": times, "open_s": open_s}


METHODS = {"ours": _ours, "whoosh_mlt": _whoosh_mlt, "minhash": _minhash}


def compare(work: Path) -> None:
    queries = json.loads((work / "queries.json").read_text(encoding="utf-8"))
    progress("the oracle: exact shingle Jaccard over every paragraph")
    truth = oracle(work, queries)
    for method in METHODS:
        progress(f"{method}: building if needed, then asking in a fresh process")
        for attempt in ("build", "measure"):
            finished = subprocess.run(
                [sys.executable, "-m", "benchmarks.passage_methods", "run", method, str(work)],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if finished.returncode != 0:
                progress(f"  {method} failed: {finished.stderr.strip().splitlines()[-1:]}")
                break
            if attempt == "build":
                continue
            line = next(
                text for text in finished.stdout.splitlines() if text.startswith(RESULT_MARK)
            )
            answer = json.loads(line[len(RESULT_MARK) :])
            _report(method, answer, queries, truth)


def _report(
    method: str,
    answer: dict[str, Any],
    queries: list[dict[str, Any]],
    truth: list[dict[Key, float]],
) -> None:
    for kind in ("planted", "synthetic"):
        recalls = [
            recall_at_10([tuple(k) for k in found], oracle_answer)
            for query, found, oracle_answer in zip(queries, answer["found"], truth, strict=True)
            if query["kind"] == kind
        ]
        scored = [r for r in recalls if r is not None]
        # Tie-aware too: the first paragraph found is as alike as the oracle's best.
        firsts = [
            bool(found) and bool(one) and one.get(tuple(found[0]), 0.0) == max(one.values())
            for query, found, one in zip(queries, answer["found"], truth, strict=True)
            if query["kind"] == kind
        ]
        print(
            f"{method:11s} {kind:9s} recall@10 {statistics.mean(scored):.3f}"
            f" over {len(scored)} queries;"
            f" oracle's best first {sum(map(bool, firsts))}/{len(firsts)}",
            flush=True,
        )
    times = answer["times"]
    print(
        f"{method:11s} open {answer['open_s'] * 1000:.0f} ms; first query {times[0] * 1000:.0f} ms;"
        f" then median {statistics.median(times[1:]) * 1000:.0f} ms,"
        f" max {max(times[1:]) * 1000:.0f} ms",
        flush=True,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.passage_methods")
    commands = parser.add_subparsers(dest="command", required=True)
    setting_up = commands.add_parser("setup")
    setting_up.add_argument("work", type=Path)
    setting_up.add_argument("data_dir", type=Path)
    comparing = commands.add_parser("compare")
    comparing.add_argument("work", type=Path)
    running = commands.add_parser("run")
    running.add_argument("method", choices=sorted(METHODS))
    running.add_argument("work", type=Path)
    args = parser.parse_args(argv)
    if args.command == "setup":
        setup(args.work, args.data_dir)
    elif args.command == "compare":
        compare(args.work)
    else:
        emit(run_method(args.method, args.work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
