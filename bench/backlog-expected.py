#!/usr/bin/env python3
"""What operations-service's backlog must count after a legacy file is imported, computed from the file alone.

    backlog-expected.py expected <legacy.csv> <today yyyy-mm-dd> [<import report .json>]   > expected.json
    backlog-expected.py compare <expected.json> <backlog before .json> <backlog after .json>

`expected` reads the file as docs/legacy-case-format.md describes it and excludes the cases the importer rejects by
the same rules (application-service LegacyCaseFile and Eligibility): a case is the run of consecutive rows with one
legacy number, rejected whole for any bad row (wrong field count, bad case columns, a date that is not a date or is
in the future, desk_region off the published list, case columns that differ from the case's first row, a legacy
number seen before, an unknown relationship, an impossible date, present_in_portugal not true/false, more than 20
members) or when a member is not eligible (a minor relationship of 18 or more on the submission date, an adult-child
relationship under 18, a minor present in Portugal who entered after the submission date). It prints the valid
cases in total, by desk_region and by partner_name (the partner that recovered the case). Given the importer's
report (<file>.report.json, which backlog-import saves), it also says whether the report rejects the same cases
(by the physical lines of its problems); a case the report rejects for another reason (NOT_REGISTERED: the
registration itself failed) is not registered and is excluded too, and said so.

`compare` subtracts the backlog before the import from the backlog after it (GET /operations/backlog?rows=false) and
prints EQUAL or DIFFERENT for the total, byRegion and byPartner; exit status 1 when any differs.
"""
import csv
import datetime
import json
import re
import sys
from collections import Counter

HEADER = ("legacy_number,submitted_on,sponsor_name,sponsor_permit,partner_type,partner_name,desk_region,applicant_id,"
          "email,language,member_name,relationship,date_of_birth,nationality,present_in_portugal,present_since,"
          "stay_ends_on").split(",")
CASE_COLUMNS = 10
REGIONS = {"AVEIRO", "BEJA", "BRAGA", "BRAGANCA", "CASTELO_BRANCO", "COIMBRA", "EVORA", "FARO", "GUARDA", "LEIRIA",
           "LISBOA", "PORTALEGRE", "PORTO", "SANTAREM", "SETUBAL", "VIANA_DO_CASTELO", "VILA_REAL", "VISEU", "ACORES",
           "MADEIRA"}
RELATIONSHIPS = {"SPOUSE", "DE_FACTO_PARTNER", "MINOR_CHILD", "ADOPTED_MINOR_CHILD", "INCAPABLE_ADULT_CHILD",
                 "DEPENDENT_ADULT_CHILD", "DEPENDENT_PARENT", "MINOR_SIBLING_UNDER_GUARDIANSHIP"}
MINOR = {"MINOR_CHILD", "ADOPTED_MINOR_CHILD", "MINOR_SIBLING_UNDER_GUARDIANSHIP"}
ADULT_CHILD = {"INCAPABLE_ADULT_CHILD", "DEPENDENT_ADULT_CHILD"}
PARTNER_TYPES = {"CLAIM", "MUNICIPALITY", "PROFESSIONAL_ASSOCIATION"}
LEGACY = re.compile(r"[A-Z0-9/-]{4,40}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
COUNTRY = re.compile(r"[A-Z]{3}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MAX_MEMBERS = 20

(LEGACY_NUMBER, SUBMITTED_ON, SPONSOR_NAME, SPONSOR_PERMIT, PARTNER_TYPE, PARTNER_NAME, DESK_REGION, APPLICANT_ID,
 EMAIL_COL, LANGUAGE, MEMBER_NAME, RELATIONSHIP, DATE_OF_BIRTH, NATIONALITY, PRESENT, PRESENT_SINCE,
 STAY_ENDS_ON) = range(17)


def date(text):
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def minus_years(day, years):
    """java.time.LocalDate.minusYears: 29 February becomes 28 February in a year that has none."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def years_between(born, day):
    """java.time.Period.between(born, day).getYears() for born <= day."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def case_columns_ok(row):
    if not LEGACY.fullmatch(row[LEGACY_NUMBER]):
        return False
    if any(row[c] == "" for c in (SPONSOR_NAME, SPONSOR_PERMIT, PARTNER_TYPE, PARTNER_NAME, DESK_REGION, APPLICANT_ID,
                                  EMAIL_COL, LANGUAGE)):
        return False
    if (len(row[SPONSOR_NAME]) > 200 or len(row[SPONSOR_PERMIT]) > 50 or len(row[PARTNER_NAME]) > 200
            or len(row[DESK_REGION]) > 50 or len(row[APPLICANT_ID]) > 100 or len(row[EMAIL_COL]) > 254):
        return False
    return (row[PARTNER_TYPE] in PARTNER_TYPES and EMAIL.fullmatch(row[EMAIL_COL]) is not None
            and row[LANGUAGE] in ("pt", "en"))


def member_ok(row, submitted, today, with_stay):
    """The member of a row, or None when the row is bad."""
    if any(row[c] == "" for c in (MEMBER_NAME, RELATIONSHIP, DATE_OF_BIRTH, NATIONALITY, PRESENT)):
        return None
    if len(row[MEMBER_NAME]) > 200 or row[RELATIONSHIP] not in RELATIONSHIPS:
        return None
    born = date(row[DATE_OF_BIRTH])
    if born is None or born >= submitted or born < minus_years(today, 120):
        return None
    if not COUNTRY.fullmatch(row[NATIONALITY]) or row[PRESENT] not in ("true", "false"):
        return None
    present = row[PRESENT] == "true"
    since = None
    if row[PRESENT_SINCE] != "":
        since = date(row[PRESENT_SINCE])
        if not present or since is None or since < born or since > today:
            return None
    if with_stay and row[STAY_ENDS_ON] != "":
        stay = date(row[STAY_ENDS_ON])
        if not present or stay is None or stay < (since or born):
            return None
    return row[RELATIONSHIP], born, present, since


def eligible(submitted, members):
    for relationship, born, present, since in members:
        age = years_between(born, submitted)
        if relationship in MINOR and age >= 18:
            return False
        if relationship in ADULT_CHILD and age < 18:
            return False
        if age < 18 and present and since is not None and since > submitted:
            return False
    return True


def cases(path):
    """(lines of the case, its first row, rows) for every run of rows with one legacy number, in file order."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, skipinitialspace=False)
        header = [h.strip() for h in next(reader)]
        if header not in (HEADER, HEADER[:-1]):
            sys.exit("not a legacy case file: unexpected header " + ",".join(header))
        run = None
        start = reader.line_num
        for record in reader:
            first_line, start = start + 1, reader.line_num
            if not record or (len(record) == 1 and record[0].strip() == ""):
                continue
            fields = [v.strip() for v in record]
            if run is None or run[0] != fields[0]:
                if run is not None:
                    yield run
                run = (fields[0], [])
            run[1].append((first_line, fields))
        if run is not None:
            yield run


def expected(path, today, report_path=None):
    seen = set()
    total_cases = 0
    valid = []            # (lines, region, partner)
    rejected_lines = []   # the lines of every case the rules reject
    for legacy, rows in cases(path):
        total_cases += 1
        lines = [line for line, _ in rows]
        duplicate = legacy != "" and legacy in seen
        seen.add(legacy)
        ok = not duplicate and len(rows) <= MAX_MEMBERS
        width = len(HEADER) if len(rows[0][1]) == len(HEADER) else len(HEADER) - 1
        first = rows[0][1]
        submitted = None
        members = []
        if ok:
            for i, (_, row) in enumerate(rows):
                if len(row) not in (len(HEADER), len(HEADER) - 1) or len(row) != width:
                    ok = False
                    break
                if i == 0:
                    submitted = date(row[SUBMITTED_ON])
                    if (not case_columns_ok(row) or submitted is None or submitted > today
                            or row[DESK_REGION] not in REGIONS):
                        ok = False
                        break
                elif row[:CASE_COLUMNS] != first[:CASE_COLUMNS]:
                    ok = False
                    break
                member = member_ok(row, submitted, today, width == len(HEADER))
                if member is None:
                    ok = False
                    break
                members.append(member)
        if ok and eligible(submitted, members):
            valid.append((lines, first[DESK_REGION], first[PARTNER_NAME]))
        else:
            rejected_lines.append(lines)
    note = {"cases in the file": total_cases, "valid by the format's rules": len(valid),
            "rejected by the format's rules": len(rejected_lines)}
    if report_path:
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
        bad = {p["line"] for p in report.get("problems") or []}
        codes = Counter(p["code"] for p in report.get("problems") or [])
        report_rejected = sum(1 for lines in rejected_lines if any(line in bad for line in lines))
        also = [v for v in valid if any(line in bad for line in v[0])]
        note["importer report: problems by code"] = dict(codes)
        note["importer report: rejected cases"] = report.get("rejectedCases")
        note["rejected by the rules and named by the report"] = report_rejected
        note["rejected by the rules, not named by the report"] = len(rejected_lines) - report_rejected
        note["valid by the rules, named by the report (excluded: not registered)"] = len(also)
        valid = [v for v in valid if not any(line in bad for line in v[0])]
        note["the rules and the report agree"] = (
            report_rejected == len(rejected_lines) and not also and report.get("rejectedCases") == len(rejected_lines))
    return {
        "total": len(valid),
        "byRegion": dict(sorted(Counter(region for _, region, _ in valid).items())),
        "byPartner": dict(sorted(Counter(partner for _, _, partner in valid).items())),
        "notes": note,
    }


def delta(before, after, key):
    keys = set(before.get(key, {})) | set(after.get(key, {}))
    counts = {k: after.get(key, {}).get(k, 0) - before.get(key, {}).get(k, 0) for k in keys}
    return {k: v for k, v in sorted(counts.items()) if v != 0}


def compare(expected_path, before_path, after_path):
    with open(expected_path) as f:
        want = json.load(f)
    with open(before_path) as f:
        before = json.load(f)
    with open(after_path) as f:
        after = json.load(f)
    different = False
    got_total = after["total"] - before["total"]
    same = got_total == want["total"]
    different |= not same
    print(f"backlog total:      {'EQUAL' if same else 'DIFFERENT'}   operations-service {got_total}"
          f"   file {want['total']}")
    for key, label in (("byRegion", "desk region"), ("byPartner", "partner")):
        got = delta(before, after, key)
        exp = {k: v for k, v in want[key].items() if v != 0}
        same = got == exp
        different |= not same
        print(f"backlog by {label + ':':<12} {'EQUAL' if same else 'DIFFERENT'}   {len(exp)} {label}s,"
              f" {sum(exp.values())} cases in the file")
        for k in sorted(set(got) | set(exp)):
            mark = "" if got.get(k, 0) == exp.get(k, 0) else "   <-- differs"
            print(f"   {k:<62} operations-service {got.get(k, 0):>8}   file {exp.get(k, 0):>8}{mark}")
    return 1 if different else 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "expected":
        result = expected(sys.argv[2], datetime.date.fromisoformat(sys.argv[3]),
                          sys.argv[4] if len(sys.argv) > 4 else None)
        json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
        print()
    elif len(sys.argv) == 5 and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3], sys.argv[4]))
    else:
        sys.exit(__doc__)
