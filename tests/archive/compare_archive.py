"""A small archive made for the comparison's tests: what is distinctive of each year is known.

2016 (the "Ministry"): four English releases with "pipeline" four times each (16 in all,
in no 2024 release), "Southern Gas Corridor" twice each, "Nagorno-Karabakh" once each;
two German and two Turkish releases, whose stop words ("und", "die", "ve", "bir") are
frequent there and nowhere else.

2024 ("AZERTAC"): four English releases with "COP29" four times each (16) and "climate
finance" twice each; two French and two Azerbaijani releases ("les", "des", "və", "üçün").

The English releases all have the same common sentences, numbers ("2016", "350
delegates") and English stop words; one undated release speaks of sturgeon.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.api import Archive

COMMON = (
    "The minister met the ambassador in Baku and they discussed cooperation between the "
    "two countries. The meeting took place at the ministry."
)
GERMAN = (
    "Die Regierung und die Delegation haben über die Zusammenarbeit gesprochen, und der "
    "Minister hat die Bedeutung der Beziehungen betont. Die Gespräche werden im nächsten "
    "Monat fortgesetzt, und die Experten werden sich treffen."
)
TURKISH = (
    "Bakan ve heyet bir toplantı yaptı ve bu toplantıda iş birliği konuşuldu. Bir sonraki "
    "toplantı bir ay sonra yapılacak ve uzmanlar bir araya gelecek."
)
FRENCH = (
    "Les ministres et les délégations des deux pays ont discuté des relations et des "
    "projets. Les experts se réuniront le mois prochain pour préparer les accords."
)
AZERBAIJANI = (
    "Nazir və səfir görüşdə əməkdaşlıq üçün yeni imkanları müzakirə etdilər və bu "
    "görüşün nəticələri üçün razılıq əldə olundu. Növbəti görüş üçün tarix və yer "
    "müəyyən edildi."
)


def release_2016(number: int) -> str:
    return (
        f"The pipeline talks continued in Baku with {350 + number} delegates in 2016. "
        "The Southern Gas Corridor will carry gas to Europe, and the pipeline will "
        "be finished soon.\n\n"
        f"{COMMON} The conflict over Nagorno-Karabakh was discussed. The Southern Gas "
        "Corridor was praised. Officials inspected the pipeline. Engineers checked the "
        "pipeline\n\nEngineers said so.\n"
    )


def release_2024(number: int) -> str:
    return (
        f"COP29 opened in Baku with {400 + number} delegates in 2024. COP29 will focus on "
        "climate finance, and COP29 delegates agreed on climate finance goals.\n\n"
        f"{COMMON} The host of COP29 thanked the guests.\n"
    )


def write_release(
    folder: Path, name: str, title: str, date: str | None, *, source: str, body: str
) -> None:
    header = ["---", f'title: "{title}"']
    if date:
        header.append(f'date: "{date}"')
    header += [f'source: "{source}"', "---", ""]
    (folder / f"{name}.txt").write_text("\n".join(header) + "\n" + body, encoding="utf-8")


def build_compare_archive(data_dir: Path, folder: Path) -> None:
    """Write the releases under ``folder`` and import them into ``data_dir``."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(4):
        write_release(
            folder,
            f"2016-{number}",
            f"Statement {number} of the ministry",
            f"2016-0{number + 3}-10",
            source="Ministry",
            body=release_2016(number),
        )
        write_release(
            folder,
            f"2024-{number}",
            f"News item {number} from Baku",
            f"2024-0{number + 3}-12",
            source="AZERTAC",
            body=release_2024(number),
        )
    for number in range(2):
        for language, text, year, source in (
            ("de", GERMAN, 2016, "Ministry"),
            ("tr", TURKISH, 2016, "Ministry"),
            ("fr", FRENCH, 2024, "AZERTAC"),
            ("az", AZERBAIJANI, 2024, "AZERTAC"),
        ):
            date = f"{year}-1{number}-0{number + 1}"
            write_release(
                folder, f"{year}-{language}-{number}", text[:30], date, source=source, body=text
            )
    write_release(
        folder,
        "undated",
        "Fisheries note",
        None,
        source="Ministry",
        body="The fisheries agreement covers sturgeon. Sturgeon stocks in the sea are low, "
        "and sturgeon fishing is limited.\n",
    )
    with Archive(data_dir) as archive:
        results = archive.import_paths([folder])
    assert all(result.id is not None for result in results), results


def compare_archive_in(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """The archive built once under a new temporary folder: its data directory."""
    root = tmp_path_factory.mktemp(name)
    build_compare_archive(root / "data", root / "files")
    return root / "data"
