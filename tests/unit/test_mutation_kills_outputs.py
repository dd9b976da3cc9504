"""Tests that kill mutmut's survivors in helpers.reports.outputs (slugs, paths, targets).

Expected slugs are written out by hand from the rules of :func:`safe_slug` (keep letters,
digits, ``_`` and ``-``; one ``_`` for each run of anything else; cut; 8 hex digits of the
name's sha256, taken from :mod:`hashlib`, not from the code under test).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import fsspec
import pytest
from fsspec.implementations.memory import MemoryFileSystem

from helpers.reports.outputs import OutputTarget, safe_output_path, safe_slug


def sha8(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


@pytest.mark.parametrize(("name", "slug"), [
    ("财政局/2024 预算.pdf", "财政局_2024_预算_pdf"),
    ("a__b--c", "a_b_c"),                     # runs of _ and - become one _
    ("a_b-c", "a_b-c"),                       # single ones stay
    ("--x--", "x"),                           # stripped at both ends
    ("<b>税务局</b>", "b_税务局_b"),
    ("../../etc", "etc"),
    ("tab\there", "tab_here"),
])
def test_a_slug_keeps_letters_and_digits(name, slug):
    assert safe_slug(name) == f"{slug}-{sha8(name)}"


def test_a_slug_of_nothing_is_untitled():
    assert safe_slug(None) == f"untitled-{sha8('')}"
    assert safe_slug("") == f"untitled-{sha8('')}"
    assert safe_slug("///") == f"untitled-{sha8('///')}"


def test_a_slug_of_a_number_is_its_text():
    assert safe_slug(2024) == f"2024-{sha8('2024')}"


def test_a_slug_is_the_nfkc_form_and_hashes_it():
    # full-width letters and digits are their ASCII forms under NFKC
    assert safe_slug("ＡＢＣ１２") == f"ABC12-{sha8('ABC12')}"


def test_a_slug_is_cut_then_stripped():
    assert safe_slug("a" * 50) == "a" * 40 + f"-{sha8('a' * 50)}"
    assert safe_slug("abcdefg", max_chars=5) == f"abcde-{sha8('abcdefg')}"
    assert safe_slug("abcd efg", max_chars=5) == f"abcd-{sha8('abcd efg')}"


def test_an_output_path_inside_out(tmp_path):
    root = tmp_path.resolve()
    assert safe_output_path(tmp_path, "a/b.html") == root / "a" / "b.html"
    assert safe_output_path(tmp_path, ".") == root
    assert safe_output_path(tmp_path, "a/./b") == root / "a" / "b"


@pytest.mark.parametrize("relative", ["/etc/passwd", "../x", "a/../../x", "a/\x00b"])
def test_an_output_path_that_leaves_out_is_refused(tmp_path, relative):
    with pytest.raises(ValueError, match=r"^unsafe output path "):
        safe_output_path(tmp_path, relative)


def test_a_symlink_out_of_out_is_refused_with_the_folder_named(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "link").symlink_to(elsewhere)
    with pytest.raises(ValueError) as refused:
        safe_output_path(out, "link/x.html")
    assert str(refused.value) == f"output path 'link/x.html' leaves {out.resolve()}"


def test_a_local_target_writes_reads_and_sizes_inside_its_folder(tmp_path):
    target = OutputTarget(tmp_path / "out")
    assert target.local == tmp_path / "out" and target.url == str(tmp_path / "out")
    assert str(target) == str(tmp_path / "out")
    target.prepare()
    assert (tmp_path / "out").is_dir()
    target.write("dept/index.html", "<p>一</p>")
    assert (tmp_path / "out" / "dept" / "index.html").read_text(encoding="utf-8") == "<p>一</p>"
    assert target.read_bytes("dept/index.html") == "<p>一</p>".encode()
    assert target.exists("dept/index.html") and not target.exists("dept")
    assert target.size("dept/index.html") == len("<p>一</p>".encode())   # 3 + 3 + 4 bytes
    assert target.read_bytes("missing.html") is None and target.size("missing.html") is None
    assert target.location("dept/index.html") == str((tmp_path / "out").resolve()
                                                      / "dept" / "index.html")
    with pytest.raises(ValueError):
        target.write("../escape.html", "x")


def test_a_file_url_is_a_local_folder(tmp_path):
    target = OutputTarget((tmp_path / "a b").as_uri())
    assert target.local == tmp_path / "a b"


def test_a_memory_target_writes_whole_files():
    target = OutputTarget("memory://h5-outputs/run/")
    assert target.local is None and str(target) == "memory://h5-outputs/run/"
    target.prepare()
    target.write("dept/index.html", "<p>x</p>")
    target.write("dept/chart.png", b"\x89PNG")
    assert target.read_bytes("dept/index.html") == b"<p>x</p>"
    assert target.read_bytes("dept/chart.png") == b"\x89PNG"
    assert target.exists("dept/chart.png") and not target.exists("dept/none.png")
    assert target.size("dept/chart.png") == 4 and target.size("dept/none.png") is None
    assert target.read_bytes("dept/none.png") is None
    assert target.location("dept/index.html") == "memory:///h5-outputs/run/dept/index.html"


@pytest.mark.parametrize("relative", ["/abs.html", "../x.html", "a/../../x", "", "a\\b.html",
                                      "a/\x00.html"])
def test_a_remote_path_that_leaves_the_folder_is_refused(relative):
    target = OutputTarget("memory://h5-outputs/refused/")
    with pytest.raises(ValueError, match=r"^unsafe output path "):
        target.write(relative, "x")


def test_a_renaming_filesystem_is_written_through_a_temporary_file(tmp_path):
    target = OutputTarget(f"local://{tmp_path}/out")
    target.write("a/b.txt", "whole")
    assert (tmp_path / "out" / "a" / "b.txt").read_text() == "whole"
    assert os.listdir(tmp_path / "out" / "a") == ["b.txt"]  # the temporary file is gone


def test_a_pickled_target_keeps_its_url_not_its_filesystem(tmp_path):
    target = OutputTarget("memory://h5-outputs/pickled/")
    target.write("x.txt", "1")
    copy = pickle.loads(pickle.dumps(target))
    assert copy.url == target.url and copy.local is None and copy._fs is None
    assert copy.read_bytes("x.txt") == b"1"
    local = pickle.loads(pickle.dumps(OutputTarget(tmp_path)))
    assert local.local == Path(tmp_path) and local._root == ""


def test_a_slug_is_stripped_before_it_is_cut():
    """"--" then 45 letters: the leading "_" left by the run of dashes takes no room."""
    assert safe_slug("--" + "a" * 45) == "a" * 40 + f"-{sha8('--' + 'a' * 45)}"


def test_a_slug_keeps_the_letter_x_at_its_ends():
    assert safe_slug("X光机X") == f"X光机X-{sha8('X光机X')}"
    assert safe_slug("abcdX", max_chars=5) == f"abcdX-{sha8('abcdX')}"


def test_a_target_names_its_folder_as_a_path_or_its_url(tmp_path):
    assert str(OutputTarget("out/")) == "out"
    assert str(OutputTarget((tmp_path / "a b").as_uri())) == str(tmp_path / "a b")
    assert str(OutputTarget("memory://h5-outputs/named/")) == "memory://h5-outputs/named/"


def test_preparing_creates_nested_folders_and_can_be_repeated(tmp_path):
    target = OutputTarget(tmp_path / "a" / "b")
    target.prepare()
    target.prepare()
    assert (tmp_path / "a" / "b").is_dir()


def test_a_remote_folder_keeps_its_name_but_not_its_slash():
    assert OutputTarget("memory://h5-outputs/boX/").location("a.html") == \
        "memory:///h5-outputs/boX/a.html"
    assert OutputTarget("memory://h5-outputs/sp /").location("a.html") == \
        "memory:///h5-outputs/sp /a.html"


class WholeWrites(MemoryFileSystem):
    """A memory filesystem answering to two protocols, one of them an object store's."""

    protocol = ("h5whole", "s3a")


def no_rename(*args, **kwargs):
    raise AssertionError("an object store is written in one call, not renamed")


@pytest.mark.parametrize("url", ["memory://h5-outputs/whole/", "h5whole://h5-outputs/whole/"])
def test_an_object_store_is_written_in_one_call(monkeypatch, url):
    fsspec.register_implementation("h5whole", WholeWrites, clobber=True)
    target = OutputTarget(url)
    fs, _ = target._filesystem()
    monkeypatch.setattr(fs, "mv", no_rename)
    target.write("a/b.txt", "whole")
    assert target.read_bytes("a/b.txt") == b"whole"


def test_a_renaming_filesystem_writes_a_temporary_file_then_moves_it(monkeypatch, tmp_path):
    target = OutputTarget(f"local://{tmp_path}/out")
    fs, _ = target._filesystem()
    moves = []
    move = fs.mv
    monkeypatch.setattr(fs, "mv", lambda a, b: (moves.append((a, b)), move(a, b)))
    target.write("a/b.txt", "whole")
    folder = f"{tmp_path}/out/a"
    assert moves == [(f"{folder}/.b.txt.{os.getpid()}.tmp", f"{folder}/b.txt")]
