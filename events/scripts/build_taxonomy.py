#!/usr/bin/env python3
"""Build matchstream's occupation/skill taxonomy and city registry resources.

Reads the reference data in data/reference (CSCO 2022 occupations, ESCO 1.1.1 occupation-skill
relations, pilot cities), the project's hand-kept CSCO -> ESCO crosswalk and the project's own
Chinese translations of the ESCO skill labels, and writes
the resources that the `events` module ships:

    events/src/main/resources/io/matchstream/events/taxonomy/occupations.csv
    events/src/main/resources/io/matchstream/events/taxonomy/skills.csv
    events/src/main/resources/io/matchstream/events/taxonomy/occupation-skills.csv
    events/src/main/resources/io/matchstream/events/cities/pilot-cities.csv

Output is deterministic: running it twice gives byte-identical files.
Any malformed input line, a crosswalk code/URI/label that is not in the source data, or a
skill without a Chinese label (or whose English label no longer matches ESCO's) stops the build with "file:line: reason" on stderr and exit status 1.

Usage:
    python3 events/scripts/build_taxonomy.py [DATA_DIR] [--check]

DATA_DIR defaults to data/reference in the repository. --check builds in
memory and exits 1 if a committed resource differs from what the script would write.
Standard library only.
"""

import argparse
import csv
import hashlib
import io
import re
import sys
from collections import OrderedDict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CROSSWALK = Path("events/data/csco-esco-crosswalk.csv")
LABELS_ZH = Path("events/data/skill-labels-zh.csv")
RESOURCES = Path("events/src/main/resources/io/matchstream/events")
OUT_OCCUPATIONS = RESOURCES / "taxonomy" / "occupations.csv"
OUT_SKILLS = RESOURCES / "taxonomy" / "skills.csv"
OUT_OCC_SKILLS = RESOURCES / "taxonomy" / "occupation-skills.csv"
OUT_CITIES = RESOURCES / "cities" / "pilot-cities.csv"

CSCO_FILE = "csco2022-manufacturing-occupations.csv"
ESCO_FILE = "esco-1.1.1-manufacturing-occupation-skills.csv"
CITIES_FILE = "pilot-cities.csv"

CSCO_HEADER = ["level", "code", "code_num", "name", "definition", "tasks", "csco_code_num", "alias"]
ESCO_HEADER = ["isco", "occupation", "relationType", "skillType", "reuseLevel", "skill",
               "occupationUri", "skillUri"]
CITIES_HEADER = ["city_id", "name_zh", "name_en", "province_zh", "region", "adcode", "lat", "lon",
                 "pilot_status", "size_weight"]
LABELS_ZH_HEADER = ["esco_uri", "label_en", "label_zh"]
CROSSWALK_HEADER = ["csco_code", "csco_name_zh", "esco_occupation_uri", "esco_label", "technical",
                    "name_en", "note"]

MAX_ALIASES = 8
MAX_SKILLS = 40
MIN_SKILLS = 5
MIN_ESSENTIAL = 3

HAN = re.compile(r"[\u4e00-\u9fff]")
CSCO_CODE = re.compile(r"^\d-\d{2}-\d{2}-\d{2}$")
# 2022 edition tags appended to a name: S = digital occupation, L = green occupation.
CSCO_TAG = re.compile(r"(?<=[\u4e00-\u9fff])(?:L/S|S|L)$")
ESCO_OCC_URI = re.compile(r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")
ESCO_SKILL_URI = re.compile(r"^http://data\.europa\.eu/esco/skill/[0-9a-f-]{36}$")
RELATIONS = ("essential", "optional")
SKILL_TYPES = {"skill/competence", "knowledge"}
REUSE_LEVELS = {"transversal", "cross-sector", "sector-specific", "occupation-specific"}
SPECIFIC_REUSE = {"sector-specific", "occupation-specific"}
REGIONS = {"east", "central", "west", "northeast"}
PILOT_STATUS = {"confirmed", "assumed"}
CITY_ID = re.compile(r"^[a-z][a-z0-9-]*$")


class InputError(Exception):
    """A problem in an input file, reported as file:line: reason."""

    def __init__(self, path, line, reason):
        super().__init__(f"{path}:{line}: {reason}")


def read_rows(path, header):
    """Yield (line_number, row) for each record of a UTF-8 CSV file after checking its header.

    line_number is the physical line on which the record starts.
    """
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise InputError(path, 0, "file not found")
    except UnicodeDecodeError as e:
        raise InputError(path, 0, f"not valid UTF-8 ({e})")
    if text.startswith("\ufeff"):
        raise InputError(path, 1, "unexpected byte-order mark")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for row in reader:
            line = start
            start = reader.line_num + 1
            if line == 1:
                if row != header:
                    raise InputError(path, 1, f"header is {row}, expected {header}")
                continue
            if not row:
                raise InputError(path, line, "empty line")
            if len(row) != len(header):
                raise InputError(path, line, f"{len(row)} fields, expected {len(header)}")
            yield line, row
    except csv.Error as e:
        raise InputError(path, start, f"malformed CSV ({e})")
    if start == 1:
        raise InputError(path, 1, "empty file (no header)")


def strip_tag(name):
    return CSCO_TAG.sub("", name)


def load_csco(path):
    """code -> dict(name, name_zh, aliases, line)."""
    occupations = {}
    for line, row in read_rows(path, CSCO_HEADER):
        level, code, code_num, name, definition, tasks, csco_code_num, alias = row
        if level != "4":
            raise InputError(path, line, f"level {level!r}, expected 4 (occupation)")
        if not CSCO_CODE.match(code):
            raise InputError(path, line, f"code {code!r} is not of the form 6-18-01-07")
        if code_num != code.replace("-", "") or csco_code_num != code_num:
            raise InputError(path, line, f"code_num {code_num!r}/{csco_code_num!r} does not match code {code}")
        if not name.strip() or name != name.strip():
            raise InputError(path, line, f"name {name!r} is empty or has surrounding spaces")
        record = {"name": name, "name_zh": strip_tag(name), "alias": alias, "line": line}
        if code in occupations:
            first = occupations[code]
            if (first["name"], first["alias"]) != (name, alias):
                raise InputError(path, line, f"code {code} repeats line {first['line']} with different content")
            print(f"warning: {path}:{line}: code {code} repeats line {first['line']}; ignored",
                  file=sys.stderr)
            continue
        occupations[code] = record
    return occupations


def load_esco(path):
    """Returns (occupations, skills).

    occupations: uri -> dict(label, relations: list of (skill_uri, relation) in file order)
    skills: uri -> dict(label, type, reuse)
    """
    occupations = {}
    skills = {}
    for line, row in read_rows(path, ESCO_HEADER):
        isco, occ_label, relation, skill_type, reuse, skill_label, occ_uri, skill_uri = row
        if not re.match(r"^\d{4}$", isco):
            raise InputError(path, line, f"isco {isco!r} is not a 4-digit ISCO code")
        if not ESCO_OCC_URI.match(occ_uri):
            raise InputError(path, line, f"occupationUri {occ_uri!r} is not an ESCO occupation URI")
        if not ESCO_SKILL_URI.match(skill_uri):
            raise InputError(path, line, f"skillUri {skill_uri!r} is not an ESCO skill URI")
        if relation not in RELATIONS:
            raise InputError(path, line, f"relationType {relation!r}, expected essential or optional")
        if skill_type not in SKILL_TYPES:
            raise InputError(path, line, f"skillType {skill_type!r}, expected one of {sorted(SKILL_TYPES)}")
        if reuse not in REUSE_LEVELS:
            raise InputError(path, line, f"reuseLevel {reuse!r}, expected one of {sorted(REUSE_LEVELS)}")
        occ_label, skill_label = occ_label.strip(), skill_label.strip()
        if not occ_label or not skill_label:
            raise InputError(path, line, "empty occupation or skill label")
        occ = occupations.setdefault(occ_uri, {"label": occ_label, "relations": OrderedDict(), "line": line})
        if occ["label"] != occ_label:
            raise InputError(path, line, f"occupation {occ_uri} is labelled {occ_label!r} here, "
                                         f"{occ['label']!r} on line {occ['line']}")
        skill = {"label": skill_label, "type": skill_type, "reuse": reuse, "line": line}
        known = skills.setdefault(skill_uri, skill)
        if (known["label"], known["type"], known["reuse"]) != (skill_label, skill_type, reuse):
            raise InputError(path, line, f"skill {skill_uri} differs from line {known['line']} "
                                         "(label, type or reuse level)")
        previous = occ["relations"].get(skill_uri)
        if previous is not None and previous != relation:
            raise InputError(path, line, f"skill {skill_uri} is both {previous} and {relation} "
                                         f"for occupation {occ_label!r}")
        occ["relations"].setdefault(skill_uri, relation)
    return occupations, skills


def load_labels_zh(path, skills):
    """ESCO skill URI -> the project's Chinese label.

    label_en must equal ESCO's label for the URI: if ESCO relabels a skill the translation is
    stale and the build stops rather than ship a Chinese label for a different English one.
    """
    labels = {}
    for line, row in read_rows(path, LABELS_ZH_HEADER):
        uri, label_en, label_zh = row
        if not ESCO_SKILL_URI.match(uri):
            raise InputError(path, line, f"esco_uri {uri!r} is not an ESCO skill URI")
        if uri in labels:
            raise InputError(path, line, f"{uri} is translated twice")
        if label_zh != label_zh.strip() or not HAN.search(label_zh):
            raise InputError(path, line, f"label_zh {label_zh!r} is empty, padded or has no Chinese characters")
        known = skills.get(uri)
        if known is not None and known["label"] != label_en:
            raise InputError(path, line, f"label_en {label_en!r} is not ESCO's label {known['label']!r} "
                                         f"for {uri}: translate the new label")
        labels[uri] = label_zh
    return labels


def load_crosswalk(path, csco, esco_occupations):
    """code -> dict(technical, name_en, esco: [uri, ...] in file order, line)."""
    crosswalk = OrderedDict()
    for line, row in read_rows(path, CROSSWALK_HEADER):
        code, name_zh, uri, label, technical, name_en, note = row
        if code not in csco:
            raise InputError(path, line, f"CSCO code {code!r} is not in {CSCO_FILE}")
        if name_zh != csco[code]["name"]:
            raise InputError(path, line, f"csco_name_zh {name_zh!r} differs from {CSCO_FILE}: "
                                         f"{csco[code]['name']!r}")
        if uri not in esco_occupations:
            raise InputError(path, line, f"ESCO occupation URI {uri!r} is not in {ESCO_FILE}")
        if label.strip() != esco_occupations[uri]["label"]:
            raise InputError(path, line, f"esco_label {label!r} differs from {ESCO_FILE}: "
                                         f"{esco_occupations[uri]['label']!r}")
        if technical not in ("true", "false"):
            raise InputError(path, line, f"technical {technical!r}, expected true or false")
        if not name_en.strip() or name_en != name_en.strip():
            raise InputError(path, line, "name_en is empty or has surrounding spaces")
        entry = crosswalk.setdefault(code, {"technical": technical, "name_en": name_en, "esco": [],
                                            "line": line})
        if (entry["technical"], entry["name_en"]) != (technical, name_en):
            raise InputError(path, line, f"technical/name_en for {code} differ from line {entry['line']}")
        if uri in entry["esco"]:
            raise InputError(path, line, f"{code} -> {uri} is listed twice")
        entry["esco"].append(uri)
    if not crosswalk:
        raise InputError(path, 2, "crosswalk has no rows")
    return crosswalk


def load_cities(path):
    """Validates pilot-cities.csv and returns its bytes (line endings normalised to \\n)."""
    seen = {}
    for line, row in read_rows(path, CITIES_HEADER):
        city_id, name_zh, name_en, province, region, adcode, lat, lon, status, weight = row
        if not CITY_ID.match(city_id):
            raise InputError(path, line, f"city_id {city_id!r} is not lower-case ascii")
        if city_id in seen:
            raise InputError(path, line, f"city_id {city_id} repeats line {seen[city_id]}")
        seen[city_id] = line
        if not name_zh or not name_en or not province:
            raise InputError(path, line, "empty name or province")
        if region not in REGIONS:
            raise InputError(path, line, f"region {region!r}, expected one of {sorted(REGIONS)}")
        if not re.match(r"^\d{6}$", adcode):
            raise InputError(path, line, f"adcode {adcode!r} is not 6 digits")
        try:
            lat_f, lon_f, weight_f = float(lat), float(lon), float(weight)
        except ValueError:
            raise InputError(path, line, "lat, lon or size_weight is not a number")
        if not (3 <= lat_f <= 54 and 73 <= lon_f <= 136):
            raise InputError(path, line, f"({lat}, {lon}) is outside China")
        if status not in PILOT_STATUS:
            raise InputError(path, line, f"pilot_status {status!r}, expected one of {sorted(PILOT_STATUS)}")
        if not weight_f > 0:
            raise InputError(path, line, f"size_weight {weight} is not positive")
    data = Path(path).read_bytes().replace(b"\r\n", b"\n")
    if not data.endswith(b"\n"):
        data += b"\n"
    return data, len(seen)


def skill_id(uri):
    return "sk-" + hashlib.sha1(uri.encode("utf-8")).hexdigest()[:10]


def aliases_for(record):
    excluded = {record["name"], record["name_zh"]}
    out = []
    for alias in record["alias"].replace("，", ",").split(","):
        alias = alias.strip()
        if not alias or alias in excluded or alias in out:
            continue
        if "|" in alias:
            raise ValueError(f"alias {alias!r} contains '|'")
        out.append(alias)
    return out[:MAX_ALIASES]


def pick(candidates, limit, skills):
    """At most `limit` of candidates (skill URIs in order): sector- and occupation-specific
    skills are kept first, then cross-sector ones; the result keeps the original order."""
    if len(candidates) <= limit:
        return list(candidates)
    specific = [u for u in candidates if skills[u]["reuse"] in SPECIFIC_REUSE]
    general = [u for u in candidates if skills[u]["reuse"] not in SPECIFIC_REUSE]
    chosen = set((specific + general)[:limit])
    return [u for u in candidates if u in chosen]


def occupation_skills(esco_uris, esco_occupations, skills):
    """Union of the ESCO occupations' skills (essential wins), capped at MAX_SKILLS:
    returns [(skill_uri, relation)] with all essential skills first. Essential skills are cut
    by reuse level (specific ones kept first); optional ones fill the rest in ESCO order
    (reuse level says nothing about relevance among optional skills: "furniture industry" is
    sector-specific too)."""
    relation = OrderedDict()
    for uri in esco_uris:
        for skill_uri, rel in esco_occupations[uri]["relations"].items():
            if relation.get(skill_uri) != "essential":
                relation[skill_uri] = rel
    essential = [u for u, r in relation.items() if r == "essential"]
    optional = [u for u, r in relation.items() if r == "optional"]
    essential = pick(essential, MAX_SKILLS, skills)
    optional = optional[:MAX_SKILLS - len(essential)]
    return [(u, "essential") for u in essential] + [(u, "optional") for u in optional]


def to_csv(header, rows):
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def build(data_dir, crosswalk_path, labels_zh_path):
    csco_path = data_dir / CSCO_FILE
    esco_path = data_dir / ESCO_FILE
    csco = load_csco(csco_path)
    esco_occupations, skills = load_esco(esco_path)
    crosswalk = load_crosswalk(crosswalk_path, csco, esco_occupations)
    cities, city_count = load_cities(data_dir / CITIES_FILE)
    labels_zh = load_labels_zh(labels_zh_path, skills)

    occ_rows, rel_rows, used = [], [], {}
    for code in sorted(crosswalk):
        entry, record = crosswalk[code], csco[code]
        try:
            aliases = aliases_for(record)
        except ValueError as e:
            raise InputError(csco_path, record["line"], str(e))
        occ_rows.append([code, record["name_zh"], entry["name_en"], "|".join(aliases),
                         "-".join(code.split("-")[:3]), entry["technical"]])
        picked = occupation_skills(entry["esco"], esco_occupations, skills)
        n_essential = sum(1 for _, r in picked if r == "essential")
        if len(picked) < MIN_SKILLS or n_essential < MIN_ESSENTIAL:
            raise InputError(crosswalk_path, entry["line"],
                             f"{code} gets {len(picked)} skills ({n_essential} essential); "
                             f"need at least {MIN_SKILLS} ({MIN_ESSENTIAL} essential)")
        for skill_uri, rel in picked:
            sid = skill_id(skill_uri)
            if used.setdefault(sid, skill_uri) != skill_uri:
                raise InputError(esco_path, skills[skill_uri]["line"],
                                 f"skill id {sid} collides for {skill_uri} and {used[sid]}")
            rel_rows.append([code, sid, rel])

    untranslated = sorted(skills[uri]["label"] for uri in used.values() if uri not in labels_zh)
    if untranslated:
        raise InputError(labels_zh_path, 0, f"{len(untranslated)} skill(s) have no Chinese label: "
                                            + "; ".join(untranslated[:10]))
    unused = len(labels_zh.keys() - set(used.values()))
    if unused:
        print(f"warning: {labels_zh_path}: {unused} translation(s) of skills no occupation uses; kept, not shipped",
              file=sys.stderr)
    skill_rows = sorted([sid, skills[uri]["label"], labels_zh[uri], uri, skills[uri]["type"]]
                        for sid, uri in used.items())
    outputs = OrderedDict([
        (OUT_OCCUPATIONS, to_csv(["code", "name_zh", "name_en", "aliases", "family", "technical"], occ_rows)),
        (OUT_SKILLS, to_csv(["skill_id", "label", "label_zh", "esco_uri", "skill_type"], skill_rows)),
        (OUT_OCC_SKILLS, to_csv(["code", "skill_id", "relation"], rel_rows)),
        (OUT_CITIES, cities),
    ])
    summary = OrderedDict([
        ("occupations", len(occ_rows)),
        ("technical", sum(1 for r in occ_rows if r[5] == "true")),
        ("families", len({r[4] for r in occ_rows})),
        ("skills", len(skill_rows)),
        ("relations", len(rel_rows)),
        ("essential", sum(1 for r in rel_rows if r[2] == "essential")),
        ("optional", sum(1 for r in rel_rows if r[2] == "optional")),
        ("esco_occupations", len({u for e in crosswalk.values() for u in e["esco"]})),
        ("cities", city_count),
    ])
    return outputs, summary


def default_data_dir():
    return REPO_ROOT / "data" / "reference"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path,
                        help="reference data (default: data/reference in the repository)")
    parser.add_argument("--crosswalk", type=Path, default=REPO_ROOT / CROSSWALK,
                        help=f"crosswalk CSV (default: {CROSSWALK})")
    parser.add_argument("--labels-zh", type=Path, default=REPO_ROOT / LABELS_ZH,
                        help=f"Chinese skill labels CSV (default: {LABELS_ZH})")
    parser.add_argument("--out", type=Path, default=REPO_ROOT,
                        help="root to write resources under (default: the repo root)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a resource on disk is out of date")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or default_data_dir()
    if not data_dir.is_dir():
        print(f"error: data directory {data_dir} not found; pass it as the first argument", file=sys.stderr)
        return 2
    try:
        outputs, summary = build(data_dir, args.crosswalk, args.labels_zh)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1

    stale = []
    for rel, data in outputs.items():
        target = args.out / rel
        current = target.read_bytes() if target.exists() else None
        if current == data:
            continue
        stale.append(str(rel))
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    print("taxonomy: " + ", ".join(f"{k}={v}" for k, v in summary.items()))
    if args.check:
        if stale:
            print("out of date: " + ", ".join(stale), file=sys.stderr)
            return 1
        print("resources are up to date")
    else:
        print(f"wrote {len(stale)} changed file(s) of {len(outputs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
