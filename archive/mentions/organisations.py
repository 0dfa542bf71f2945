"""The international organisations a foreign-ministry archive names: a curated list.

Each has a stable key (its English acronym), its English name, the acronyms it goes by in
the languages read (matched exactly as written: "UN" and "ООН", never "un"), and its names
(matched with case and accents aside). A local name tagged with an inflected language also
counts with that language's case endings (see :mod:`archive.mentions.suffixes`).

Adding or changing an entry changes the lists' version: documents are read again for
mentions the next time the archive is opened by the window, or by ``facets``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Organisation:
    """One organisation of the list.

    Attributes:
        key: Its stable key, the English acronym ("OSCE").
        name: Its English name, as lists show it.
        acronyms: Matched exactly, whole-word.
        names: Matched case- and accent-insensitively, whole-word, in any language.
        local_names: ``(language, name)``: a name with its language's case endings.
        cldr_territory: CLDR's code for it (``"UN"``, ``"EU"``): its names in every
            language read come from CLDR too.
        short_name: What a short label calls it; its key when not given.
    """

    key: str
    name: str
    acronyms: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    local_names: tuple[tuple[str, str], ...] = ()
    cldr_territory: str | None = None
    short_name: str | None = None


ORGANISATIONS: tuple[Organisation, ...] = (
    Organisation(
        "UN",
        "United Nations",
        ("UN", "U.N.", "ООН", "BMT", "BM", "ONU", "ONZ"),
        ("United Nations", "Organisation des Nations unies", "Organización de las Naciones Unidas"),
        (("tr", "Birleşmiş Milletler Teşkilatı"),),
        cldr_territory="UN",
    ),
    Organisation(
        "EU",
        "European Union",
        ("EU", "ЕС", "AB", "Aİ", "UE", "ЄС"),
        ("European Commission", "European Parliament", "Council of the European Union"),
        (("az", "Avropa İttifaqı"), ("az", "Avropa Komissiyası"), ("ru", "Евросоюз")),
        cldr_territory="EU",
    ),
    Organisation(
        "OSCE",
        "Organization for Security and Co-operation in Europe",
        ("OSCE", "ОБСЕ", "ОБСЄ", "ATƏT", "AGİT", "AGIT", "OSZE", "OVSE", "OBWE"),
        (
            "Organization for Security and Co-operation in Europe",
            "Organization for Security and Cooperation in Europe",
            "Organisation for Security and Co-operation in Europe",
            "Organisation pour la sécurité et la coopération en Europe",
            "Organisation für Sicherheit und Zusammenarbeit in Europa",
            "Organización para la Seguridad y la Cooperación en Europa",
            "Avrupa Güvenlik ve İşbirliği Teşkilatı",
            "Avropada Təhlükəsizlik və Əməkdaşlıq Təşkilatı",
            "Организация по безопасности и сотрудничеству в Европе",
        ),
    ),
    Organisation(
        "NATO",
        "North Atlantic Treaty Organization",
        ("NATO", "Nato", "НАТО", "OTAN", "NAVO"),
        ("North Atlantic Treaty Organization", "North Atlantic Alliance"),
        (("ru", "Североатлантический альянс"), ("az", "Şimali Atlantika Alyansı")),
    ),
    Organisation(
        "OIC",
        "Organisation of Islamic Cooperation",
        ("OIC", "ОИС", "İƏT", "İİT", "OCI"),
        (
            "Organisation of Islamic Cooperation",
            "Organization of Islamic Cooperation",
            "Organization of the Islamic Conference",
            "Organisation of the Islamic Conference",
            "Islamic Cooperation Organization",
            "Islamic Cooperation Organisation",
            "İslam Əməkdaşlıq Təşkilatı",
            "İslam İşbirliği Teşkilatı",
            "Organisation de la coopération islamique",
            "Организация исламского сотрудничества",
        ),
    ),
    Organisation(
        "OTS",
        "Organization of Turkic States",
        ("OTS", "ОТГ", "TDT"),
        (
            "Organization of Turkic States",
            "Organisation of Turkic States",
            "Turkic Council",
            "Cooperation Council of Turkic Speaking States",
            "Organization of Turkic Speaking States",
            "Organisation of Turkic Speaking States",
            "Türk Dövlətləri Təşkilatı",
            "Türk Devletleri Teşkilatı",
            "Türk Şurası",
            "Türk Konseyi",
            "Организация тюркских государств",
        ),
        (("ru", "Тюркский совет"),),
    ),
    Organisation(
        "CIS",
        "Commonwealth of Independent States",
        ("CIS", "СНГ", "СНД", "MDB", "BDT", "GUS", "CEI", "WNP"),
        (
            "Commonwealth of Independent States",
            "Müstəqil Dövlətlər Birliyi",
            "Bağımsız Devletler Topluluğu",
            "Gemeinschaft Unabhängiger Staaten",
            "Communauté des États indépendants",
        ),
        (("ru", "Содружество Независимых Государств"),),
    ),
    Organisation(
        "ECO",
        "Economic Cooperation Organization",
        ("ECO", "ОЭС", "EİT", "EIT"),
        (
            "Economic Cooperation Organization",
            "Economic Cooperation Organisation",
            "İqtisadi Əməkdaşlıq Təşkilatı",
            "Ekonomik İşbirliği Teşkilatı",
            "Организация экономического сотрудничества",
        ),
    ),
    Organisation(
        "GUAM",
        "GUAM Organization for Democracy and Economic Development",
        ("GUAM", "ГУАМ"),
        ("Organization for Democracy and Economic Development",),
    ),
    Organisation(
        "BSEC",
        "Organization of the Black Sea Economic Cooperation",
        ("BSEC", "ОЧЭС", "KEİ", "KEI", "QDİƏT"),
        (
            "Black Sea Economic Cooperation",
            "Karadeniz Ekonomik İşbirliği",
            "Qara Dəniz İqtisadi Əməkdaşlıq",
            "Черноморского экономического сотрудничества",
        ),
    ),
    Organisation(
        "NAM",
        "Non-Aligned Movement",
        ("NAM",),
        (
            "Non-Aligned Movement",
            "Nonaligned Movement",
            "Movement of Non-Aligned Countries",
            "Qoşulmama Hərəkatı",
            "Bağlantısızlar Hareketi",
            "Mouvement des non-alignés",
            "Movimiento de Países No Alineados",
            "Bewegung der Blockfreien Staaten",
        ),
        (("ru", "Движение неприсоединения"),),
    ),
    Organisation(
        "CICA",
        "Conference on Interaction and Confidence-Building Measures in Asia",
        ("CICA", "СВМДА", "AQEM", "AİGK"),
        (
            "Conference on Interaction and Confidence-Building Measures in Asia",
            "Conference on Interaction and Confidence Building Measures in Asia",
        ),
    ),
    Organisation(
        "SCO",
        "Shanghai Cooperation Organisation",
        ("SCO", "ШОС", "ŞƏT", "ŞİÖ", "OCS"),
        ("Shanghai Cooperation Organisation", "Shanghai Cooperation Organization"),
        (("ru", "Шанхайская организация сотрудничества"),),
    ),
    Organisation(
        "CSTO",
        "Collective Security Treaty Organization",
        ("CSTO", "ОДКБ", "KTMT", "KGAÖ", "OTSC"),
        ("Collective Security Treaty Organization", "Collective Security Treaty Organisation"),
        (("ru", "Организация Договора о коллективной безопасности"),),
    ),
    Organisation(
        "EAEU",
        "Eurasian Economic Union",
        ("EAEU", "ЕАЭС", "ЕАЕС", "EEU"),
        ("Eurasian Economic Union", "Avrasiya İqtisadi İttifaqı", "Avrasya Ekonomik Birliği"),
        (("ru", "Евразийский экономический союз"),),
    ),
    Organisation(
        "ASEAN",
        "Association of Southeast Asian Nations",
        ("ASEAN", "АСЕАН"),
        ("Association of Southeast Asian Nations", "Association of South-East Asian Nations"),
    ),
    Organisation(
        "AU",
        "African Union",
        ("AU",),
        (
            "African Union",
            "Union africaine",
            "Unión Africana",
            "Afrikanische Union",
            "Afrika Birliği",
            "Afrika İttifaqı",
        ),
        (("ru", "Африканский союз"),),
    ),
    Organisation(
        "OAS",
        "Organization of American States",
        ("OAS", "OEA"),
        (
            "Organization of American States",
            "Organisation des États américains",
            "Organización de los Estados Americanos",
        ),
    ),
    Organisation(
        "LAS",
        "League of Arab States",
        ("ЛАГ",),
        (
            "Arab League",
            "League of Arab States",
            "Ərəb Dövlətləri Liqası",
            "Arap Birliği",
            "Ligue arabe",
            "Arabische Liga",
            "Liga Árabe",
        ),
        (("ru", "Лига арабских государств"),),
        short_name="Arab League",
    ),
    Organisation(
        "GCC",
        "Gulf Cooperation Council",
        ("GCC", "ССАГПЗ", "KİƏŞ", "KİK"),
        ("Gulf Cooperation Council", "Cooperation Council for the Arab States of the Gulf"),
    ),
    Organisation(
        "G20",
        "Group of Twenty",
        ("G20", "G-20", "Г20", "Г-20", "Q20", "Q-20"),
        ("Group of Twenty",),
        (("ru", "Группа двадцати"),),
    ),
    Organisation(
        "G7",
        "Group of Seven",
        ("G7", "G-7", "Г7", "Г-7"),
        ("Group of Seven",),
    ),
    Organisation(
        "BRICS",
        "BRICS",
        ("BRICS", "БРИКС"),
    ),
    Organisation(
        "WTO",
        "World Trade Organization",
        ("WTO", "ВТО", "ÜTT", "DTÖ", "OMC", "СОТ"),
        (
            "World Trade Organization",
            "World Trade Organisation",
            "Ümumdünya Ticarət Təşkilatı",
            "Dünya Ticaret Örgütü",
            "Organisation mondiale du commerce",
            "Welthandelsorganisation",
            "Organización Mundial del Comercio",
        ),
        (("ru", "Всемирная торговая организация"),),
    ),
    Organisation(
        "IMF",
        "International Monetary Fund",
        ("IMF", "МВФ", "BVF", "IWF", "FMI", "MFW"),
        (
            "International Monetary Fund",
            "Beynəlxalq Valyuta Fondu",
            "Uluslararası Para Fonu",
            "Fonds monétaire international",
            "Internationaler Währungsfonds",
            "Fondo Monetario Internacional",
        ),
        (("ru", "Международный валютный фонд"),),
    ),
    Organisation(
        "WB",
        "World Bank",
        (),
        ("World Bank", "Dünya Bankı", "Banque mondiale", "Weltbank", "Banco Mundial"),
        (("ru", "Всемирный банк"), ("pl", "Bank Światowy")),
        short_name="World Bank",
    ),
    Organisation(
        "OPEC",
        "Organization of the Petroleum Exporting Countries",
        ("OPEC", "ОПЕК", "OPEP"),
        ("Organization of the Petroleum Exporting Countries",),
    ),
    Organisation(
        "OECD",
        "Organisation for Economic Co-operation and Development",
        ("OECD", "ОЭСР", "OCDE", "İƏİT"),
        (
            "Organisation for Economic Co-operation and Development",
            "Organization for Economic Cooperation and Development",
        ),
    ),
    Organisation(
        "CoE",
        "Council of Europe",
        ("CoE",),
        (
            "Council of Europe",
            "Avropa Şurası",
            "Avrupa Konseyi",
            "Conseil de l'Europe",
            "Europarat",
            "Consejo de Europa",
        ),
        (("ru", "Совет Европы"),),
        short_name="Council of Europe",
    ),
    Organisation(
        "PACE",
        "Parliamentary Assembly of the Council of Europe",
        ("PACE", "ПАСЕ", "AŞPA", "AKPM", "APCE"),
        ("Parliamentary Assembly of the Council of Europe",),
    ),
    Organisation(
        "IAEA",
        "International Atomic Energy Agency",
        ("IAEA", "МАГАТЭ", "AIEA", "BAEA", "IAEO", "UAEA"),
        ("International Atomic Energy Agency", "Beynəlxalq Atom Enerjisi Agentliyi"),
    ),
    Organisation(
        "WHO",
        "World Health Organization",
        ("WHO", "ВОЗ", "ÜST", "DSÖ", "OMS"),
        (
            "World Health Organization",
            "World Health Organisation",
            "Ümumdünya Səhiyyə Təşkilatı",
            "Dünya Sağlık Örgütü",
            "Organisation mondiale de la santé",
            "Weltgesundheitsorganisation",
            "Organización Mundial de la Salud",
        ),
        (("ru", "Всемирная организация здравоохранения"),),
    ),
    Organisation(
        "UNESCO",
        "UNESCO",
        ("UNESCO", "Unesco", "ЮНЕСКО", "YUNESKO"),
        ("United Nations Educational, Scientific and Cultural Organization",),
    ),
    Organisation("UNICEF", "UNICEF", ("UNICEF", "Unicef", "ЮНИСЕФ", "YUNİSEF")),
    Organisation(
        "UNDP",
        "United Nations Development Programme",
        ("UNDP", "ПРООН", "BMTİP", "PNUD"),
        ("United Nations Development Programme", "UN Development Programme"),
    ),
    Organisation(
        "UNHCR",
        "UN Refugee Agency",
        ("UNHCR", "УВКБ"),
        ("United Nations High Commissioner for Refugees", "UN Refugee Agency"),
    ),
    Organisation(
        "ICRC",
        "International Committee of the Red Cross",
        ("ICRC", "МККК", "BQXK", "CICR", "IKRK"),
        (
            "International Committee of the Red Cross",
            "Beynəlxalq Qırmızı Xaç Komitəsi",
            "Uluslararası Kızılhaç Komitesi",
            "Comité international de la Croix-Rouge",
        ),
        (("ru", "Международный комитет Красного Креста"),),
    ),
    Organisation(
        "ICJ",
        "International Court of Justice",
        ("ICJ", "CIJ", "IGH"),
        (
            "International Court of Justice",
            "Beynəlxalq Ədalət Məhkəməsi",
            "Uluslararası Adalet Divanı",
            "Cour internationale de justice",
            "Internationaler Gerichtshof",
        ),
        (("ru", "Международный суд ООН"),),
    ),
    Organisation(
        "ICC",
        "International Criminal Court",
        (),
        (
            "International Criminal Court",
            "Beynəlxalq Cinayət Məhkəməsi",
            "Uluslararası Ceza Mahkemesi",
            "Cour pénale internationale",
            "Internationaler Strafgerichtshof",
        ),
        (("ru", "Международный уголовный суд"),),
    ),
    Organisation(
        "INTERPOL",
        "Interpol",
        ("INTERPOL", "Interpol", "Интерпол"),
        short_name="Interpol",
    ),
    Organisation(
        "IOM",
        "International Organization for Migration",
        ("IOM", "МОМ", "OIM"),
        ("International Organization for Migration", "Beynəlxalq Miqrasiya Təşkilatı"),
    ),
    Organisation(
        "EBRD",
        "European Bank for Reconstruction and Development",
        ("EBRD", "ЕБРР", "BERD", "AYİB"),
        ("European Bank for Reconstruction and Development",),
    ),
    Organisation(
        "ADB",
        "Asian Development Bank",
        ("ADB", "АБР", "AİB"),
        ("Asian Development Bank", "Asiya İnkişaf Bankı", "Asya Kalkınma Bankası"),
    ),
    Organisation(
        "IsDB",
        "Islamic Development Bank",
        ("IsDB", "İİB"),
        ("Islamic Development Bank", "İslam İnkişaf Bankı", "İslam Kalkınma Bankası"),
    ),
    Organisation(
        "D-8",
        "D-8 Organization for Economic Cooperation",
        ("D-8", "D8"),
        ("Developing Eight", "Developing-8"),
    ),
    Organisation(
        "APEC",
        "Asia-Pacific Economic Cooperation",
        ("APEC", "АТЭС"),
        ("Asia-Pacific Economic Cooperation",),
    ),
    Organisation(
        "TURKPA",
        "Parliamentary Assembly of Turkic States",
        ("TURKPA", "TÜRKPA", "ТюркПА"),
        ("Parliamentary Assembly of Turkic States", "Parliamentary Assembly of Turkic-Speaking"),
    ),
)
