"""A small archive of releases in several languages whose mentions are known exactly."""

from __future__ import annotations

from pathlib import Path

# name -> (front matter, body). Russia is mentioned in 2016 (English, Azerbaijani), in
# 2024 (Russian) and undated (Polish), each time in another language and case.
RELEASES: dict[str, tuple[str, str]] = {
    "en2016.md": (
        "title: Statement on the Minsk Group talks\ndate: 2016-04-05",
        "The Minister met the co-chairs of the OSCE Minsk Group in Vienna. Azerbaijan and "
        "Russia discussed the settlement of the conflict, and the United States supported "
        "the talks.",
    ),
    # Lower-case "eco" and "un" are words, not the ECO or the UN.
    "plain2016.md": (
        "title: A note on the eco garden\ndate: 2016-09-12",
        "The garden was eco friendly and the un-named gardener planted trees. Nobody was "
        "there to see the flowers, which grew tall in the summer sun.",
    ),
    # French "Un" and "un" are no UN.
    "fr2024.md": (
        "title: Un accord sur le climat\ndate: 2024-02-10",
        "Un accord a été signé entre la France et l'Allemagne. Un nouveau projet éco sera "
        "lancé dans un avenir proche, a déclaré le ministre des affaires étrangères.",
    ),
    "ru2024.md": (
        "title: Заявление министерства\ndate: 2024-06-12",
        "Министр иностранных дел встретился с послом в Москве. Россия и Азербайджан "
        "обсудили сотрудничество в рамках ООН, а также отношения с Китаем.",
    ),
    "az2016.md": (
        "title: Xarici İşlər Nazirliyinin bəyanatı\ndate: 2016-11-03",
        "Azərbaycanın xarici işlər naziri Rusiyanın səfiri ilə görüşüb. Görüşdə ATƏT-in "
        "Minsk qrupunun fəaliyyəti və regional əməkdaşlıq məsələləri müzakirə olunub.",
    ),
    "pl.md": (
        "title: Komunikat ministerstwa",
        "Minister spraw zagranicznych spotkał się z ambasadorem w Warszawie. Rozmawiano o "
        "stosunkach z Rosji sąsiadami oraz o współpracy w ramach UE i NATO.",
    ),
}

#: (kind, key) -> documents mentioning it, per year (None: undated).
EXPECTED: dict[tuple[str, str], dict[int | None, int]] = {
    ("country", "RU"): {2016: 2, 2024: 1, None: 1},
    ("country", "AZ"): {2016: 2, 2024: 1},
    ("organisation", "OSCE"): {2016: 2},
    ("country", "US"): {2016: 1},
    ("country", "FR"): {2024: 1},
    ("country", "DE"): {2024: 1},
    ("country", "CN"): {2024: 1},
    ("organisation", "UN"): {2024: 1},
    ("organisation", "NATO"): {None: 1},
    ("organisation", "EU"): {None: 1},
}


def write_releases(folder: Path, names: list[str] | None = None) -> Path:
    """Write the releases (all, or those named) into ``folder`` as Markdown files."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names if names is not None else list(RELEASES):
        front, body = RELEASES[name]
        (folder / name).write_text(f"---\n{front}\n---\n{body}\n", encoding="utf-8")
    return folder
