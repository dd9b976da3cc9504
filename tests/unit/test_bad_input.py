"""Bad input gets a typed error naming the file — never a bare traceback or a wrong number."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from helpers import (
    DisclosureError,
    MissingFileError,
    NotADisclosureError,
    TextEncodingError,
    UnsupportedFormatError,
    load_disclosure,
)
from helpers.cli import main
from helpers.model import build_disclosure
from helpers.raw import RawDocument
from helpers.readers.tika_text import parse_tika_text

from conftest import SEED


def test_missing_file(tmp_path):
    with pytest.raises(MissingFileError, match="no such file") as error:
        load_disclosure(tmp_path / "absent.txt")
    assert error.value.path.endswith("absent.txt")


def test_folder_is_not_a_file(tmp_path):
    with pytest.raises(MissingFileError):
        load_disclosure(tmp_path)


@pytest.mark.parametrize(("name", "hint"), [("budget.doc", "--convert-to docx"),
                                            ("budget.xls", "--convert-to xlsx")])
def test_old_office_formats_say_how_to_convert(tmp_path, name, hint):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(UnsupportedFormatError, match=hint):
        load_disclosure(path)


def test_unknown_suffix(tmp_path):
    path = tmp_path / "budget.odt"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(UnsupportedFormatError, match=r"\.odt"):
        load_disclosure(path)


def test_prose_without_tables_is_not_a_disclosure(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("尊敬的读者：\n这不是预算公开文件。\n", encoding="utf-8")
    with pytest.raises(NotADisclosureError, match=r"letter\.txt"):
        load_disclosure(path)


def test_table_of_unknown_kind_is_not_a_disclosure(tmp_path):
    path = tmp_path / "menu.txt"
    path.write_text("菜单\n\t菜名\n\t价格\n\n\t面条\n\t12.00\n", encoding="utf-8")
    with pytest.raises(NotADisclosureError):
        load_disclosure(path)


def test_binary_text_file(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(TextEncodingError, match=r"binary\.txt"):
        load_disclosure(path)


def test_undecodable_text(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("部门预算收支总表".encode("utf-16-le"))
    with pytest.raises(DisclosureError):
        load_disclosure(path)


@pytest.mark.corpus
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_seed_loads_in_every_accepted_encoding(tmp_path, seed, encoding):
    path = tmp_path / "seed.txt"
    text = SEED.read_text(encoding="utf-8-sig")
    path.write_bytes(text.encode(encoding))
    loaded = load_disclosure(path)
    assert loaded.raw.encoding == ("utf-8-sig" if encoding.startswith("utf-8") else "gb18030")
    columns = [c for c in loaded.amounts.columns if c != "source"]
    assert loaded.amounts[columns].equals(seed.amounts[columns])


def test_cli_reports_errors_in_one_line(tmp_path, capsys):
    assert main(["parse", str(tmp_path / "absent.pdf")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "absent.pdf" in err


# ---- property tests: mutations of the seed text -------------------------------------------

SEED_LINES = SEED.read_text(encoding="utf-8-sig").splitlines() if SEED.exists() else []


def load_lines(lines: list[str]):
    """Load mutated seed lines in memory; return a Disclosure or the typed error."""
    blocks = parse_tika_text("\n".join(lines))
    try:
        return build_disclosure(RawDocument(path=SEED, format="tika_text", blocks=blocks))
    except DisclosureError as error:
        return error


mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.integers(1, 20)),
    st.tuples(st.just("duplicate"), st.integers(0, 10_000), st.integers(1, 20)),
    st.tuples(st.just("swap"), st.integers(0, 10_000), st.integers(0, 10_000)),
    st.tuples(st.just("truncate"), st.integers(0, 10_000), st.just(0)),
)


def apply(lines: list[str], kind: str, a: int, b: int) -> list[str]:
    lines = list(lines)
    if not lines:
        return lines
    a %= len(lines)
    if kind == "delete":
        del lines[a:a + b]
    elif kind == "duplicate":
        lines[a:a] = lines[a:a + b]
    elif kind == "swap":
        b %= len(lines)
        lines[a], lines[b] = lines[b], lines[a]
    else:
        lines = lines[:a]
    return lines


@pytest.mark.corpus
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_seed_loads_or_raises_typed_error(mutations):
    """A damaged seed loads or raises a typed error; every amount it holds is printed
    on the line its source names, in 元 or 万元 (nothing invented, nothing misplaced)."""
    lines = SEED_LINES
    for kind, a, b in mutations:
        lines = apply(lines, kind, a, b)
    result = load_lines(lines)
    if isinstance(result, DisclosureError):
        return
    for source, amount in zip(result.amounts.source, result.amounts.amount_yuan, strict=True):
        line = int(re.search(r":L(\d+):", source).group(1))
        printed = [Decimal(n.replace(",", "")) for n in re.findall(r"-?\d[\d,]*(?:\.\d+)?",
                                                                   lines[line - 1])]
        assert any(n * factor == amount for n in printed for factor in (1, 10000)), \
            (source, amount, lines[line - 1])


AMOUNT_LINES = [n for n, line in enumerate(SEED_LINES)
                if line.startswith("\t") and "." in line and line[1:].replace(".", "").isdigit()]
garbage = st.text(alphabet="0123456789.,-万元XxO ", min_size=1, max_size=8)
# What a printed amount may look like (independent of helpers.money): digits, optional
# thousands groups, optional decimals, optional leading minus; spaces are ignored.
VALID_AMOUNT = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


@pytest.mark.corpus
@given(st.sampled_from(AMOUNT_LINES or [0]), garbage, st.sampled_from(["prefix", "suffix"]))
def test_garbage_in_an_amount_cell_is_never_a_number(index, junk, where):
    lines = list(SEED_LINES)
    original = lines[index][1:]
    mutated = junk + original if where == "prefix" else original + junk
    assume(not VALID_AMOUNT.fullmatch(mutated.replace(" ", "")))
    lines[index] = "\t" + mutated
    result = load_lines(lines)
    assert not isinstance(result, DisclosureError)
    line_number = index + 1
    assert not result.amounts.source.str.contains(f":L{line_number}:", regex=False).any()
    located = result.anomalies[result.anomalies.line == line_number]
    assert set(located.kind) <= {"text_in_number", "placeholder", "unparsed_row"}
    assert len(located) >= 1, f"line {line_number}: {lines[index]!r} silently dropped"
