#!/usr/bin/env python3
"""Generates rules/names/place-variant.toml: groups of forms that name one place.

Sources
  * Unicode CLDR, through the `babel` package (PyPI): the time-zone ids that
    CLDR keeps as aliases of renamed zones (`Europe/Kiev` -> `Europe/Kyiv`,
    `Asia/Calcutta` -> `Asia/Kolkata`) and the English exemplar city names that
    differ from the zone id's spelling (`Asia/Macau` -> `Macao`). Zone aliases
    also merge different cities (`Europe/Zaporozhye` -> `Europe/Kyiv`), so only
    the pairs listed in CLDR_SAME_PLACE are used; every other candidate is
    printed to stderr as skipped, so a maintainer sees what a newer CLDR adds.
    CLDR data is under the Unicode License v3 (https://www.unicode.org/license.txt).
  * Hand-written groups (HAND below), from general knowledge of the Ukrainian,
    Russian, Belarusian, Central Asian, South Asian and Arabic place names that
    English news writes in two or more romanisations or under a former name.
    Licence: MIT (project), like this script.

Output: two consistency rules.
  names/place-variant  (warning) spellings of one name: Kyiv/Kiev, Kharkiv/Kharkov.
  names/place-former   (info)    a current and a former name: Mumbai/Bombay. A
                       careful text mixes these when it tells history or names an
                       institution that kept the old name (Bombay High Court).

Groups are dropped when every form in them has the same transliteration
skeleton as names/variant computes it (src/check/name_variant.rs), since that
rule already reports them (Odesa/Odessa, Donbas/Donbass), and forms that
names/place-exonym already rewrites (rules/exonyms/places.toml) are left out.

Run (from the repository root):
    pip install babel
    python3 tools/gen_place_variants.py > rules/names/place-variant.toml
(-v lists the CLDR candidates that were skipped), then `cargo test --test rule_examples`.
"""

import re
import sys
import tomllib
import unicodedata

import babel
from babel import Locale
from babel.core import get_cldr_version, get_global

# CLDR candidate pairs (old form, CLDR English form) accepted as one place,
# with the rule they go to. Anything CLDR offers that is not here is skipped.
CLDR_SAME_PLACE = {
    ("Kiev", "Kyiv"): "variant",
    ("Katmandu", "Kathmandu"): "variant",
    ("Ulan Bator", "Ulaanbaatar"): "variant",
    ("Macau", "Macao"): "variant",
    ("Ashkhabad", "Ashgabat"): "variant",
    ("Thimbu", "Thimphu"): "variant",
    ("Asmera", "Asmara"): "variant",
    ("Tirane", "Tirana"): "variant",
    ("Aqtau", "Aktau"): "variant",
    ("Qyzylorda", "Kyzylorda"): "variant",
    ("Qostanay", "Kostanay"): "variant",
    ("Calcutta", "Kolkata"): "former",
    ("Rangoon", "Yangon"): "former",
    ("Saigon", "Ho Chi Minh City"): "former",
    ("Dacca", "Dhaka"): "former",
    ("Godthab", "Nuuk"): "former",
    ("Ujung Pandang", "Makassar"): "former",
    ("Ponape", "Pohnpei"): "former",
}

# Extra forms for a CLDR pair's group (keyed by the CLDR English form).
CLDR_EXTRA = {
    "Nuuk": ["Godthåb"],
    "Ulaanbaatar": ["Ulaan Baatar"],
    "Ashgabat": ["Ashgabad"],
    "Kostanay": ["Kustanai"],
}

# Hand-written groups: (rule, [current English form, other forms ...]).
HAND = [
    # Ukraine: Ukrainian-based romanisation (current English usage) first,
    # then the Russian-based forms.
    ("variant", ["Kharkiv", "Kharkov"]),
    ("variant", ["Lviv", "Lvov"]),
    ("variant", ["Mykolaiv", "Nikolaev", "Nikolayev"]),
    ("variant", ["Zaporizhzhia", "Zaporizhia", "Zaporizhzhya", "Zaporozhye", "Zaporozhie"]),
    ("variant", ["Luhansk", "Lugansk"]),
    ("variant", ["Chernihiv", "Chernigov"]),
    ("variant", ["Rivne", "Rovno"]),
    ("variant", ["Chernivtsi", "Chernovtsy"]),
    ("variant", ["Vinnytsia", "Vinnitsa"]),
    ("variant", ["Ivano-Frankivsk", "Ivano-Frankovsk"]),
    ("variant", ["Ternopil", "Ternopol"]),
    ("variant", ["Uzhhorod", "Uzhgorod"]),
    ("variant", ["Kryvyi Rih", "Krivoy Rog", "Krivoi Rog"]),
    ("variant", ["Kremenchuk", "Kremenchug"]),
    ("variant", ["Sievierodonetsk", "Severodonetsk", "Syevyerodonetsk"]),
    ("variant", ["Sloviansk", "Slavyansk", "Slaviansk"]),
    ("variant", ["Avdiivka", "Avdeyevka", "Avdeevka"]),
    ("variant", ["Horlivka", "Gorlovka"]),
    ("variant", ["Makiivka", "Makeyevka", "Makeevka"]),
    ("variant", ["Bilhorod-Dnistrovskyi", "Belgorod-Dnestrovsky"]),
    ("variant", ["Kamianets-Podilskyi", "Kamenets-Podolsky"]),
    # Belarus, Moldova, the Caucasus, Central Asia
    ("variant", ["Homel", "Gomel"]),
    ("variant", ["Hrodna", "Grodno"]),
    ("variant", ["Mahilyow", "Mogilev", "Mahiliou", "Mogilyov"]),
    ("variant", ["Chisinau", "Chișinău", "Chişinău", "Kishinev"]),
    ("variant", ["Dagestan", "Daghestan"]),
    ("variant", ["Kazakhstan", "Kazakstan"]),
    ("variant", ["Shymkent", "Chimkent"]),
    ("variant", ["Karaganda", "Karagandy", "Qaraghandy"]),
    ("variant", ["Tashkent", "Toshkent"]),
    ("variant", ["Samarkand", "Samarqand"]),
    ("variant", ["Bukhara", "Buxoro"]),
    ("variant", ["Fergana", "Ferghana"]),
    # Asia, the Middle East, the Balkans
    ("variant", ["Naypyidaw", "Naypyitaw", "Nay Pyi Taw"]),
    ("variant", ["Erbil", "Arbil", "Irbil"]),
    ("variant", ["Fallujah", "Falluja"]),
    ("variant", ["Raqqa", "Raqqah", "Rakka"]),
    ("variant", ["Deir ez-Zor", "Deir el-Zour", "Deir ez-Zour", "Deir Ezzor"]),
    ("variant", ["Hodeidah", "Hudaydah", "Hodeida"]),
    ("variant", ["Idlib", "Idleb"]),
    ("variant", ["Misrata", "Misurata", "Misratah"]),
    ("variant", ["Kandahar", "Qandahar"]),
    ("variant", ["Mazar-i-Sharif", "Mazar-e-Sharif", "Mazar-e Sharif"]),
    ("variant", ["Kunduz", "Kondoz", "Qunduz"]),
    ("variant", ["Khan Younis", "Khan Yunis", "Khan Yunus"]),
    ("variant", ["Beersheba", "Beer Sheva", "Be'er Sheva", "Be’er Sheva"]),
    ("variant", ["Tehran", "Teheran"]),
    ("variant", ["Pristina", "Prishtina", "Priština"]),
    ("variant", ["Faroe Islands", "Faeroe Islands"]),
    # Former and current names (names/place-former, info)
    ("former", ["Chornobyl", "Chernobyl"]),
    ("former", ["Bakhmut", "Artemivsk", "Artyomovsk"]),
    ("former", ["Kropyvnytskyi", "Kirovohrad", "Kirovograd"]),
    ("former", ["Belarus", "Byelorussia", "Belorussia"]),
    ("former", ["Tbilisi", "Tiflis"]),
    ("former", ["Almaty", "Alma-Ata"]),
    ("former", ["Astana", "Nur-Sultan", "Akmola", "Tselinograd"]),
    ("former", ["Bishkek", "Frunze"]),
    ("former", ["Aktobe", "Aktyubinsk"]),
    ("former", ["Semey", "Semipalatinsk"]),
    ("former", ["Oskemen", "Ust-Kamenogorsk"]),
    ("former", ["Khujand", "Leninabad"]),
    ("former", ["Mumbai", "Bombay"]),
    ("former", ["Chennai", "Madras"]),
    ("former", ["Bengaluru", "Bangalore"]),
    ("former", ["Pune", "Poona"]),
    ("former", ["Varanasi", "Benares", "Banaras"]),
    ("former", ["Gurugram", "Gurgaon"]),
    ("former", ["Prayagraj", "Allahabad"]),
    ("former", ["Thiruvananthapuram", "Trivandrum"]),
    ("former", ["Kochi", "Cochin"]),
    ("former", ["Mysuru", "Mysore"]),
    ("former", ["Odisha", "Orissa"]),
    ("former", ["Puducherry", "Pondicherry"]),
    ("former", ["Chattogram", "Chittagong"]),
    ("former", ["Myanmar", "Burma"]),
    ("former", ["Mawlamyine", "Moulmein"]),
    ("former", ["Tianjin", "Tientsin"]),
    ("former", ["Xinjiang", "Sinkiang"]),
    ("former", ["Daegu", "Taegu"]),
    ("former", ["Eswatini", "Swaziland"]),
    ("former", ["Türkiye", "Turkey"]),
    ("former", ["Czechia", "Czech Republic"]),
    ("former", ["Cabo Verde", "Cape Verde"]),
    ("former", ["Timor-Leste", "East Timor"]),
    ("former", ["Côte d'Ivoire", "Côte d’Ivoire", "Ivory Coast"]),
]

# Left out, and why (printed into the header of the generated file).
LEFT_OUT = """\
#   Peking (Peking University, Peking duck), Canton (Canton Fair; Canton, Ohio;
#   Swiss cantons), Ceylon (Ceylon tea, Bank of Ceylon), Nanking (the Nanking
#   Massacre, Treaty of Nanking), Tsingtao (the beer), Chungking (Chungking
#   Mansions), Pusan, Inchon, Kwangju (Pusan National University, the Battle
#   of Inchon, the Kwangju Uprising), Formosa (Formosa Plastics), Stalingrad,
#   Leningrad (the battle, the siege, Leningrad Oblast), Königsberg, Danzig,
#   Lemberg, Vilna (history), Macedonia (the Greek region), Moldavia (the
#   Romanian region), Sebastopol (California), Mecca/Makkah, Medina/Madinah
#   (Saudi official names use Makkah and Madinah), Tskhinval, Sukhum,
#   Khankendi (contested names: a text may give both on purpose),
#   Truk (Truk Lagoon, the dive site), Kirghizia (the Kyrgyz Republic is
#   official beside Kyrgyzstan).
# Spellings that differ only as names/variant folds them (diacritics, doubled
# letters, y/i, kh/h, zh/j: Odesa/Odessa, Donbas/Donbass, Izium/Izyum,
# Zhytomyr/Zhitomir, Yekaterinburg/Ekaterinburg) are reported by names/variant,
# not here (a group keeps the first of them only), and forms that differ only
# in punctuation (Be'er/Be’er) are not place variants.
"""


VERBOSE = "-v" in sys.argv[1:]


def fold(c):
    return "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x))


def skeleton(form):
    """names/variant's transliteration skeleton (src/check/name_variant.rs)."""
    s = "".join(fold(c) for c in form.lower())
    s = "".join(c for c in s if c.isalpha())
    for a, b in [("tsch", "ch"), ("tch", "ch"), ("sch", "sh"), ("ou", "u"), ("kh", "h"), ("zh", "j"),
                 ("ks", "x"), ("tz", "ts"), ("w", "v"), ("dj", "j")]:
        s = s.replace(a, b)
    if s.startswith("ye"):
        s = "e" + s[2:]
    for a, b in [("ow", "ov"), ("iy", "i"), ("yi", "i"), ("yy", "i"), ("ij", "i"), ("yj", "i"), ("ii", "i")]:
        if s.endswith(a):
            s = s[: -len(a)] + b
    s = s.replace("y", "i").replace("j", "i")
    out = []
    for c in s:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def names_variant_covers(a, b):
    """True when names/variant would see `a` and `b` as spellings of one name
    (every word that differs is five letters or more and has the same
    skeleton), or when they differ only in punctuation (`Be'er`/`Be’er`)."""
    wa, wb = re.findall(r"\w+", a), re.findall(r"\w+", b)
    if wa == wb:
        return True
    if len(wa) != len(wb):
        return False
    return all(x == y or (len(x) >= 5 and len(y) >= 5 and skeleton(x) == skeleton(y)) for x, y in zip(wa, wb))


def cldr_groups():
    en = Locale("en")
    zones = en.time_zones

    def id_city(zone):
        return zone.split("/")[-1].replace("_", " ")

    def en_city(zone):
        return zones.get(zone, {}).get("city") or id_city(zone)

    candidates = set()
    for old, new in get_global("zone_aliases").items():
        if "/" in old and id_city(old) != en_city(new):
            candidates.add((id_city(old), en_city(new)))
    for zone, data in zones.items():
        if "city" in data and data["city"] != id_city(zone):
            candidates.add((id_city(zone), data["city"]))
    groups = []
    skipped = []
    for old, new in sorted(candidates):
        rule = CLDR_SAME_PLACE.get((old, new))
        if rule is None:
            skipped.append(f"{old} -> {new}")
            continue
        groups.append((rule, [new, old] + CLDR_EXTRA.get(new, []), "CLDR"))
    print(f"skipped {len(skipped)} CLDR candidates (zone merges, diacritics only, not news forms)"
          + (": " + "; ".join(skipped) if VERBOSE else "; -v lists them"), file=sys.stderr)
    missing = set(CLDR_SAME_PLACE) - candidates
    for pair in sorted(missing):
        print(f"warning: CLDR no longer offers {pair!r}", file=sys.stderr)
    return groups


def exonym_forms():
    with open("rules/exonyms/places.toml", "rb") as f:
        data = tomllib.load(f)
    return {k for rule in data["rule"] for k in rule.get("swap", {})}


def toml_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    exonyms = exonym_forms()
    groups = cldr_groups() + [(rule, forms, "hand") for rule, forms in HAND]
    seen = {}
    out = {"variant": [], "former": []}
    for rule, forms, source in groups:
        forms = [f for f in dict.fromkeys(forms) if f not in exonyms]
        for f in forms:
            if f in seen:
                sys.exit(f"error: {f!r} is in two groups ({seen[f]} and {forms})")
            seen[f] = forms
        if len(forms) < 2:
            continue
        # Forms that names/variant already tells apart are its business: keep
        # the first of them only, so that no mix is reported by both rules.
        kept = []
        for f in forms:
            if not any(names_variant_covers(k, f) for k in kept):
                kept.append(f)
        if len(kept) < 2:
            print(f"skipped {forms}: names/variant reports these", file=sys.stderr)
            continue
        if kept != forms:
            print(f"dropped {[f for f in forms if f not in kept]} from {kept}: names/variant reports them, or punctuation only",
                  file=sys.stderr)
        forms = kept
        out[rule].append((forms, source))

    w = sys.stdout.write
    w("# GENERATED by tools/gen_place_variants.py; edit the script, not this file.\n")
    w("# Forms that name one place, for the consistency kind: a document that uses\n")
    w("# two of them gets its minority forms flagged.\n")
    w("# Sources: Unicode CLDR %s via babel %s (time-zone aliases and English\n" % (
        get_cldr_version(), babel.__version__))
    w("# exemplar cities; groups marked CLDR; Unicode License v3) and hand-written\n")
    w("# groups (general knowledge; licence MIT, the project's).\n")
    w("# Left out on purpose:\n")
    w(LEFT_OUT)
    rules = [
        ("variant", "names/place-variant", "warning",
         "'{match}' and '{majority}' name the same place; this document uses {forms}",
         """Two romanisations or spellings of one place in one document (`Kyiv` and `Kiev`, `Kharkiv` and `Kharkov`,
`Erbil` and `Irbil`), typical of machine translation and of copy assembled from several sources. The rarer form is
flagged and the fix (unsafe) writes the document's majority form, which is not always the current one: Ukrainian
places are now written in English from Ukrainian (Kyiv, Kharkiv, Luhansk), so check which form the house style
wants. A fixed name such as `Chicken Kiev` or `Dynamo Kiev` beside `Kyiv` is not an error; suppress it there.
The groups are generated from Unicode CLDR and a hand-written list (tools/gen_place_variants.py)."""),
        ("former", "names/place-former", "info",
         "'{match}' and '{majority}' are a former and a current name of one place; this document uses {forms}",
         """A place's current and former names in one document (`Mumbai` and `Bombay`, `Astana` and `Nur-Sultan`,
`Myanmar` and `Burma`). Often a translation or an editing slip, but a careful text mixes them when it tells history
(`the 1986 Chernobyl disaster`) or names an institution that kept the old name (`Bombay High Court`, `IIT Madras`),
so this is only info. The fix (unsafe) writes the document's majority form.
The groups are generated from Unicode CLDR and a hand-written list (tools/gen_place_variants.py)."""),
    ]
    tests = {
        "variant": [
            ("Shelling hit Kharkiv and Kyiv overnight. In Kyiv, sirens sounded; the mayor of Kiev said.",
             ["Kiev"], "Shelling hit Kharkiv and Kyiv overnight. In Kyiv, sirens sounded; the mayor of Kyiv said."),
            ("Lugansk and Luhansk and Luhansk.", ["Lugansk"], "Luhansk and Luhansk and Luhansk."),
            ("Kyiv is the capital. Kievan Rus was a medieval state. Kharkiv is in the east.", [], None),
        ],
        "former": [
            ("Mumbai is India's financial capital; Mumbai traders said Bombay was calm.", ["Bombay"],
             "Mumbai is India's financial capital; Mumbai traders said Mumbai was calm."),
            ("Mumbai's markets rose, Chennai's fell and Bengaluru was shut: one form of each place.", [], None),
        ],
    }
    for key, rule_id, severity, message, explain in rules:
        w("\n[[rule]]\n")
        w(f'id = "{rule_id}"\nkind = "consistency"\nlanguages = ["en"]\nseverity = "{severity}"\n')
        w('category = "translation"\napplicability = "unsafe"\ncase = "sensitive"\nword-boundary = true\n')
        w(f"message = {toml_string(message)}\n")
        w('explain = """\n' + explain + '\n"""\n')
        w("groups = [\n")
        for forms, source in out[key]:
            w("  [" + ", ".join(toml_string(f) for f in forms) + "],")
            w("  # CLDR\n" if source == "CLDR" else "\n")
        w("]\n")
        for text, expect, fixed in tests[key]:
            w("\n[[rule.test]]\n")
            w(f"text = {toml_string(text)}\n")
            w("expect = [" + ", ".join(toml_string(e) for e in expect) + "]\n")
            if fixed is not None:
                w(f"fixed = {toml_string(fixed)}\n")


if __name__ == "__main__":
    main()
