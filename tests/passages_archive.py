"""A small archive made for the passage tests: a reused paragraph, lightly edited, years later.

- 2016: the statement whose second paragraph is reused (:data:`REUSED`);
- 2024: the same paragraph re-published with a changed date, a changed name and a sentence
  added (:data:`EDITED`);
- 2019: a paragraph on the same topic (the water agreement), in other words;
- 2021 and 2012: other releases, sharing only common phrases.
"""

from __future__ import annotations

from pathlib import Path

from archive.api import Archive

REUSED = (
    "The Ministry of Foreign Affairs welcomes the signing of the agreement on the shared use "
    "of the Kura river basin, concluded in Tbilisi on 14 March 2016 after four years of "
    "negotiations between the two delegations. The agreement sets out joint monitoring of "
    "water quality, an exchange of hydrological data every month and a commission that "
    "meets twice a year to settle disputes over the allocation of water."
)
EDITED = (
    "The Ministry of Foreign Affairs welcomes the signing of the agreement on the shared use "
    "of the Kura river basin, concluded in Baku on 2 April 2024 after four years of "
    "negotiations between the two delegations. The agreement sets out joint monitoring of "
    "water quality, an exchange of hydrological data every month and a commission that "
    "meets twice a year to settle disputes over the allocation of water. Both sides "
    "thanked the mediators for their patience."
)
SAME_TOPIC = (
    "Water from the Kura river remains a subject of talks between the two delegations: the "
    "ministry hopes that a commission could one day allocate water fairly, and that the "
    "monitoring of its quality becomes a shared task of both countries in the basin."
)


def _release(title: str, date: str, paragraphs: list[str]) -> str:
    body = "\n\n".join(paragraphs)
    return f'---\ntitle: "{title}"\ndate: "{date}"\n---\n\n{body}\n'


def releases() -> dict[str, str]:
    """File name: Markdown text."""
    return {
        "2016-kura.md": _release(
            "Agreement on the Kura river basin signed",
            "2016-03-15",
            [
                "BAKU, 15 March 2016",
                "The minister returned from Tbilisi this morning and spoke to the press about "
                "the talks of the past week and the work that lies ahead for both governments.",
                REUSED,
                "The ministry will publish the text of the agreement once it has been ratified "
                "by the parliaments of both countries later this year.",
            ],
        ),
        "2024-kura.md": _release(
            "Kura river agreement renewed",
            "2024-04-03",
            [
                "The cabinet met on Tuesday to review the year's priorities in foreign policy, "
                "from trade corridors to consular services abroad.",
                EDITED,
            ],
        ),
        "2019-water.md": _release(
            "Talks on water resources continue",
            "2019-06-01",
            [
                SAME_TOPIC,
                "The next round of talks is planned for the autumn in a city not yet named.",
            ],
        ),
        "2021-trade.md": _release(
            "Trade delegation visits the port",
            "2021-09-09",
            [
                "The Ministry of Foreign Affairs announces that a trade delegation visited the "
                "new port on Friday to discuss shipping routes with the harbour authority.",
            ],
        ),
        "2012-embassy.md": _release(
            "Embassy opens in Oslo",
            "2012-02-02",
            [
                "A new embassy opened in Oslo on Monday, the first in the region, with a "
                "consular section serving citizens travelling in the north of Europe.",
            ],
        ),
    }


def build_passages_archive(data_dir: Path, folder: Path) -> dict[str, int]:
    """Write the releases under ``folder``, import them into ``data_dir``; ids by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in releases().items():
        (folder / name).write_text(text, encoding="utf-8")
    with Archive(data_dir) as archive:
        results = archive.import_paths([folder])
    return {Path(r.path).name: r.id for r in results if r.id is not None}
