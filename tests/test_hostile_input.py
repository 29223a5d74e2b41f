"""Issue 14: hostile translations, catalogs and clinic profiles; every finding's case.

Each hostile input gets a one-line error naming the file, exit status 1 (2 for
``check``'s unreadable input), no traceback, and leaves every file as it was.  Speed is
not asserted here (no timed unit tests): ``benchmarks/adversarial.py`` times the same
adversarial strings; these tests assert the answers on them are right.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from support import REPO, make_project, msgcat, requires_gettext, write_project

from hfs_i18n.catalog.compile import compile_problems
from hfs_i18n.checks import run_checks
from hfs_i18n.cli import main
from hfs_i18n.config import Limits
from hfs_i18n.errors import InputError
from hfs_i18n.formats.plurals import PluralForms, PluralFormsError, plural_forms_problem
from hfs_i18n.formats.po import parse_po, read_po
from hfs_i18n.pdf.writer import check_render_limits, nesting_depth
from hfs_i18n.render.clinic import load_clinic
from hfs_i18n.render.sanitize import isolate_ltr_runs, sanitize
from hfs_i18n.text.files import remove_stale_temp_files, write_atomic
from hfs_i18n.text.markup import iter_tags, markup_depth
from hfs_i18n.text.placeholders import brace_placeholders, python_placeholders

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Language: ar\\n"\n"Plural-Forms: {plural}\\n"\n\n'
)
AR_PLURALS = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
)


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(root), *args])


def one_line_error(result, *needles: str, status: int = 1) -> None:
    """Exit ``status``, no traceback, and the error in one line (other lines may report
    what was done before it, e.g. another locale compiled)."""
    assert result.exit_code == status, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if "rror" in line]
    assert len(errors) == 1, result.output
    for needle in needles:
        assert needle in errors[0], result.output


def catalog(entries: str, plural: str = AR_PLURALS) -> str:
    return HEADER.format(plural=plural) + textwrap.dedent(entries)


def findings(text: str, source: str = "Call us.", ids: str = "") -> list[tuple[str, str]]:
    po = parse_po(catalog(f'msgid "{source}"\nmsgstr "{text}"\n'))
    found = run_checks(po, "ar", "ar.po")
    return [(f.check, f.message) for f in found if not ids or f.check in ids]


@pytest.fixture
def initialised(tmp_path: Path) -> Path:
    root = write_project(tmp_path / "demo")
    assert run(root, "extract").exit_code == 0
    assert run(root, "init", "ar").exit_code == 0
    assert run(root, "init", "tr").exit_code == 0
    return root


def ar_po(root: Path) -> Path:
    return root / "locales" / "ar" / "LC_MESSAGES" / "messages.po"


# --------------------------------------------------------------------------- 1. markup


@pytest.mark.parametrize(
    ("tag", "allowed"),
    [
        ('<span lang="ar">', True),
        ('<span lang="sr-Latn-RS">', True),
        ('<span lang="en onmouseover=alert(1)">', False),
        ('<span lang="%(phone)s">', False),
        ('<bdi dir="auto">', True),
        ('<bdi dir="ltr x=1">', False),
        ('<abbr title="Magnetic resonance imaging">', True),
        ('<abbr title="x onfocus=alert(1) autofocus tabindex=0 y">', False),
        ('<abbr title="%(phone)s">', False),
        ("<abbr title='a\" b'>", False),
        ('<abbr title="a" title="b">', False),
        ('<abbr title="a"onfocus="b">', False),
        ("<abbr title=unquoted>", False),
        ('<span dir="ltr" onclick="x">', False),
    ],
)
def test_attribute_values_are_validated(tag: str, allowed: bool) -> None:
    (found,) = iter_tags(tag + "x")
    assert found.allowed is allowed
    assert (str(sanitize(tag + "x")).startswith("<")) is allowed


def test_check_reports_an_attribute_break_out_as_markup_attribute() -> None:
    payload = '<abbr title=\\"x onfocus=alert(1) autofocus\\">A</abbr>'
    source = '<abbr title=\\"Abbreviation\\">A</abbr>'
    ids = {check for check, _ in findings(payload, source)}
    assert "markup-attribute" in ids and "markup-disallowed" not in ids
    assert {c for c, _ in findings('<span onclick=\\"x\\">A</span>')} >= {"markup-disallowed"}


def test_placeholder_and_ltr_isolation_never_land_inside_an_attribute() -> None:
    safe = sanitize('<abbr title="%(phone)s">MRI</abbr> MRI scan')
    formatted = safe % {"phone": isolate_ltr_runs(sanitize("+44 20"))}
    assert 'title="<span' not in str(formatted) and "<abbr" not in str(formatted)
    isolated = str(isolate_ltr_runs(sanitize('<abbr title="Magnetic resonance">MRI</abbr>')))
    assert isolated.startswith('<abbr title="Magnetic resonance"><span dir="ltr">MRI</span>')


# --------------------------------------------------------------------------- 2. the reader


ENTRIES = 'msgid "Yes"\nmsgstr "نعم"\n\nmsgid "No"\nmsgstr "لا"\n'


@pytest.mark.parametrize("ending", ["\r", "\r\n", "mixed"])
def test_every_line_ending_reads_the_same(ending: str) -> None:
    text = catalog(ENTRIES)
    if ending == "mixed":
        lines = text.split("\n")
        changed = "".join(line + ("\r", "\r\n", "\n")[i % 3] for i, line in enumerate(lines))
    else:
        changed = text.replace("\n", ending)
    expected = [(e.msgid, e.msgstr) for e in parse_po(text)]
    assert [(e.msgid, e.msgstr) for e in parse_po(changed)] == expected
    assert [(e.msgid, e.msgstr) for e in parse_po("\ufeff" + changed)] == expected


@requires_gettext
def test_crlf_catalog_reads_as_gnu_msgcat_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "ar.po"
    path.write_bytes(catalog(ENTRIES).replace("\n", "\r\n").encode())
    oracle = polib.pofile(msgcat(path))
    assert [(e.msgid, e.msgstr) for e in read_po(path)] == [(e.msgid, e.msgstr) for e in oracle]


@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_update_keeps_every_translation_of_a_cr_catalog(initialised: Path, ending: str) -> None:
    path = ar_po(initialised)
    po = read_po(path)
    for entry in po:
        if not entry.msgid_plural:
            entry.msgstr = "ترجمة"
    translated = {e.msgid for e in po if e.msgstr}
    from hfs_i18n.formats.po import format_po

    path.write_bytes(format_po(po).replace("\n", ending).encode())
    assert run(initialised, "update").exit_code == 0
    after = read_po(path)
    assert {e.msgid for e in after if e.msgstr == "ترجمة"} == translated
    assert after.metadata["Language"] == "ar"
    assert b"\r" not in path.read_bytes()  # written back with LF, as GNU msgmerge does


@pytest.mark.parametrize("content", [b"", b"\n\n", b"# only a comment\n"])
def test_update_refuses_an_empty_catalog(initialised: Path, content: bytes) -> None:
    path = ar_po(initialised)
    path.write_bytes(content)
    one_line_error(run(initialised, "update"), "empty catalog")
    assert path.read_bytes() == content


def test_text_that_parses_to_nothing_is_an_error() -> None:
    with pytest.raises(InputError, match="no message could be read"):
        parse_po('# msgid "Yes"\n# msgstr "نعم"\n')


# --------------------------------------------------------------------------- 3. patterns


def test_adversarial_strings_give_the_right_answers() -> None:
    """The inputs that took minutes (timed in benchmarks/adversarial.py): answers only."""
    assert list(iter_tags("<b" + " " * 20_000)) == []
    assert [t.name for t in iter_tags("<b" + " " * 2000 + "<i>x</i>")] == ["i", "i"]
    assert python_placeholders("%(" * 25_000) == []
    assert python_placeholders("%(" * 1000 + "%(name)s") == ["%(name)s"]
    assert brace_placeholders("{a." + ":" * 50_000) == []
    rlo = "a" * 50_000 + "\u202e" * 20
    messages = [m for _, m in findings(rlo, ids="bidi-override")]
    assert len(messages) == 20 and "inside 'aaaa" in messages[0]
    assert str(isolate_ltr_runs(sanitize("a" + ")" * 10_000))).startswith('<span dir="ltr">a')


# --------------------------------------------------------------------------- 4. limits


def test_compile_refuses_a_huge_or_deeply_nested_translation(tmp_path: Path) -> None:
    limits = Limits(max_message_size=1000, max_nesting_depth=10)
    huge = catalog(f'msgid "Yes"\nmsgstr "{"x" * 1001}"\n')
    deep = catalog(f'msgid "Yes"\nmsgstr "{"<span>" * 11}x{"</span>" * 11}"\n')
    many_br = catalog(f'msgid "Yes"\nmsgstr "{"<br>" * 100_000}"\n')
    assert "max-message-size" in str(compile_problems(parse_po(huge), tmp_path, limits)[0])
    assert "max-nesting-depth" in str(compile_problems(parse_po(deep), tmp_path, limits)[0])
    assert "max-message-size" in str(compile_problems(parse_po(many_br), tmp_path)[0])


def test_render_limits_refuse_a_page_before_weasyprint() -> None:
    nested = "<html><body>" + "<span>" * 10_000 + "x" + "</span>" * 10_000 + "</body></html>"
    assert nesting_depth(nested) == 10_002
    with pytest.raises(InputError, match=r"ar/x\.pdf: elements nested 10002 deep"):
        check_render_limits(nested, Limits(), "ar/x.pdf")
    with pytest.raises(InputError, match="max-render-size"):
        check_render_limits("<p>" + "x" * 2_000_000, Limits(), "ar/x.pdf")
    check_render_limits("<p>" + "<br>" * 1000 + "</p>", Limits())  # void elements: depth 1


def test_limits_are_configurable_and_validated(tmp_path: Path) -> None:
    from hfs_i18n.config import load_project

    root = write_project(tmp_path / "p", extra_config="max-nesting-depth = 50\n")
    assert load_project(root).limits.max_nesting_depth == 50
    bad = write_project(tmp_path / "q", extra_config="max-render-size = -1\n")
    with pytest.raises(InputError, match="max-render-size"):
        load_project(bad)


def test_build_refuses_a_5_mb_translation_in_one_line(tmp_path: Path) -> None:
    root = make_project(tmp_path, arabic={"What is it?": "x" * 5_000_000})
    one_line_error(run(root, "build", "--format", "pdf"), "max-message-size")
    assert not (root / "dist" / "ar").exists()


def test_build_refuses_deeply_nested_spans_in_one_line(tmp_path: Path) -> None:
    # 3,000 levels: under max-message-size, so the nesting limit is what refuses it.
    root = make_project(tmp_path, arabic={"What is it?": "<span>" * 3_000 + "x"})
    one_line_error(run(root, "build", "--format", "pdf"), "max-nesting-depth")


# --------------------------------------------------------------------------- 5. plurals


def test_plural_expressions_are_evaluated_safely() -> None:
    assert "divides by zero for n=0" in plural_forms_problem("nplurals=2; plural=n%0;")
    assert "nplurals must be 1 to 6" in plural_forms_problem("nplurals=200000000; plural=n;")
    assert "outside 0..1" in plural_forms_problem("nplurals=2; plural=n;")
    assert "nested deeper" in plural_forms_problem("nplurals=2; plural=" + "(" * 60 + "n;")
    assert plural_forms_problem("nplurals=2; plural=__import__('os');") is not None
    assert plural_forms_problem(f"{AR_PLURALS}") is None
    with pytest.raises(PluralFormsError, match="divides by zero for n=5"):
        PluralForms(2, "n % (n - 5) > 0").select(5)


def test_plural_formulas_agree_with_gettext_c2py() -> None:
    """c2py as the oracle on the well-formed formulas we ship."""
    import gettext

    from hfs_i18n.formats.plurals import GETTEXT_FORMULAS, compile_expression

    for _, expression in GETTEXT_FORMULAS.values():
        ours, theirs = compile_expression(expression), gettext.c2py(expression)
        assert [ours(n) for n in range(300)] == [theirs(n) for n in range(300)]
    assert compile_expression("n / 2 * 2 == n ? 0 : 1")(7) == 1


@pytest.mark.parametrize(
    ("plural", "needle"),
    [("nplurals=2; plural=n%0;", "divides by zero"), ("nplurals=200000000; plural=n;", "1 to 6")],
)
def test_hostile_plural_forms_fail_cleanly_everywhere(
    initialised: Path, plural: str, needle: str
) -> None:
    path = ar_po(initialised)
    text = path.read_text(encoding="utf-8")
    start = text.index("Plural-Forms: ") + len("Plural-Forms: ")
    end = text.index("\\n", start)
    path.write_text(text[:start] + plural + text[end:], encoding="utf-8")
    before = path.read_bytes()
    one_line_error(run(initialised, "update"), needle)
    one_line_error(run(initialised, "compile"), needle)
    result = run(initialised, "check", "--locale", "ar")
    assert result.exit_code == 1 and "plural-forms-header" in result.output
    assert "Traceback" not in result.output and needle in result.output
    assert path.read_bytes() == before


def test_build_with_a_zero_division_plural_is_one_line(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    po = root / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace("plural=(n != 1)", "plural=n%0"), "utf-8")
    one_line_error(run(root, "build", "--format", "html"), "divides by zero")


# --------------------------------------------------------------------------- 6. clinic


def _profile(folder: Path, logo: str | None = None, **fields: str) -> Path:
    values = {
        "name": "Clinic",
        "address": "1 Street",
        "phone": "+44 20 7946 0000",
        "email": "a@example.org",
        "website": "https://example.org",
        **fields,
    }
    if logo is not None:
        values["logo"] = logo
    body = "".join(f"{key} = {value!r}\n".replace("'", '"') for key, value in values.items())
    path = folder / "clinic.toml"
    path.write_text("[clinic]\n" + body, encoding="utf-8")
    return path


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_a_real_logo_inside_the_folder_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(PNG)
    assert load_clinic(_profile(tmp_path, "logo.png")).logo == (tmp_path / "logo.png").resolve()
    svg = (REPO / "clinics" / "example-logo.svg").read_bytes()
    (tmp_path / "logo.svg").write_bytes(svg)
    assert load_clinic(_profile(tmp_path, "logo.svg")).logo is not None


@pytest.mark.parametrize(
    ("logo", "setup", "needle"),
    [
        ("/dev/zero", None, "relative"),
        ("zero.png", "symlink:/dev/zero", "outside the profile's folder"),
        ("../outside.png", "outside", "outside the profile's folder"),
        ("link.png", "symlink-out", "outside the profile's folder"),
        ("fifo.png", "fifo", "not a regular file"),
        ("dir.png", "dir", "not a regular file"),
        ("fake.png", b"GIF89a", "not a PNG"),
        ("fake.jpg", PNG, "not a JPEG"),
        ("big.png", PNG + b"\x00" * 1_000_000, "larger than"),
        ("x.svg", b'<!DOCTYPE svg [<!ENTITY a "b">]><svg/>', "DTD"),
        ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "script"),
        ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="x"/>', "event handler"),
        ("x.svg", b"<html/>", "not an SVG"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 40 else "",
)
def test_a_hostile_logo_is_refused_before_it_is_read(
    tmp_path: Path, logo: str, setup: object, needle: str
) -> None:
    folder = tmp_path / "profile"
    folder.mkdir()
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG)
    if isinstance(setup, bytes):
        (folder / logo).write_bytes(setup)
    elif setup == "symlink:/dev/zero":
        (folder / logo).symlink_to("/dev/zero")
    elif setup == "symlink-out":
        (folder / logo).symlink_to(outside)
    elif setup == "fifo":
        os.mkfifo(folder / logo)
    elif setup == "dir":
        (folder / logo).mkdir()
    with pytest.raises(InputError, match=needle) as info:
        load_clinic(_profile(folder, logo))
    assert "\n" not in str(info.value) and "clinic.toml" in str(info.value)


def test_clinic_fields_are_bounded(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="'name' is longer than 200"):
        load_clinic(_profile(tmp_path, name="x" * 200_000))
    profile = _profile(tmp_path)
    text = profile.read_text(encoding="utf-8").replace('"1 Street"', '"1 Street\\u0000"')
    profile.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="'address' holds a control character"):
        load_clinic(profile)


@pytest.mark.parametrize("kind", ["directory", "nul", "latin-1", "huge"])
def test_a_broken_profile_is_one_line(tmp_path: Path, kind: str) -> None:
    root = make_project(tmp_path / "project")
    if kind == "directory":
        profile = str(tmp_path / "profile.toml")
        os.mkdir(profile)
    elif kind == "nul":
        # argv cannot hold a NUL; the project's configuration can (TOML "\u0000").
        config = root / "hfs-i18n.toml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("clinics/example.toml", "clinics/x\\u0000.toml"), "utf-8")
        one_line_error(run(root, "build", "--format", "html"), "NUL")
        profile = str(root / "clinics" / "x\x00.toml")
    elif kind == "latin-1":
        profile = str(tmp_path / "latin.toml")
        Path(profile).write_bytes('[clinic]\nname = "Clínica"\n'.encode("latin-1"))
    else:
        profile = str(tmp_path / "huge.toml")
        Path(profile).write_bytes(b"# " + b"x" * 2_000_000)
    args = ("--clinic", profile) if kind != "nul" else ()
    result = run(root, "build", "--format", "html", *args)
    # A directory is refused by click's --clinic option itself: a usage error (exit 2).
    one_line_error(result, status=2 if kind == "directory" else 1)
    assert not (root / "dist").exists()
    if kind != "directory":
        with pytest.raises(InputError):
            load_clinic(Path(profile))


def test_a_directory_named_messages_po_is_one_line(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    po = root / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    po.unlink()
    po.mkdir()
    one_line_error(run(root, "build", "--format", "html"), "messages.po")
    one_line_error(run(root, "check", "--locale", "tr"), "messages.po", status=2)


# --------------------------------------------------------------------------- 7. leftovers


def test_the_writer_removes_temp_files_a_killed_update_left(tmp_path: Path) -> None:
    target = tmp_path / "messages.po"
    target.write_text("old", encoding="utf-8")
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, time, sys\n"
            "os.replace = lambda *a: time.sleep(600)\n"
            "from hfs_i18n.text.files import write_atomic\n"
            "write_atomic(sys.argv[1], b'new')\n",
            str(target),
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )
    try:
        for _ in range(200):
            if list(tmp_path.glob(".messages.po.*.tmp")):
                break
            time.sleep(0.05)
        (left,) = tmp_path.glob(".messages.po.*.tmp")
        # A live writer's file is never touched.
        assert remove_stale_temp_files(target) == [] and left.exists()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert left.exists()
    write_atomic(target, b"newer")
    assert not left.exists() and target.read_bytes() == b"newer"
    assert [p.name for p in tmp_path.iterdir()] == ["messages.po"]


def test_pdf_workers_remove_their_fontconfig_folders(tmp_path: Path) -> None:
    code = (
        "from hfs_i18n.pdf.writer import isolate_fontconfig\n"
        "import concurrent.futures as f, os\n"
        "def work(_):\n"
        "    isolate_fontconfig()\n"
        "    return os.getpid()\n"
        "if __name__ == '__main__':\n"
        "    isolate_fontconfig()\n"
        "    with f.ProcessPoolExecutor(2, mp_context=__import__('multiprocessing')"
        ".get_context('spawn')) as pool:\n"
        "        print(len(set(pool.map(work, range(8)))))\n"
    )
    script = tmp_path / "work.py"
    script.write_text(code, encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, str(script)], env=env, check=True, cwd=REPO)
    assert list(temp.glob("hfs-fontconfig-*")) == []
    # A folder whose process was killed is removed by the next process.
    (temp / "hfs-fontconfig-abc-999999999").mkdir()
    (temp / "hfs-fontconfig-12345678").mkdir()  # another version's: not ours to judge
    subprocess.run(
        [sys.executable, "-c", "from hfs_i18n.pdf.writer import isolate_fontconfig as i; i()"],
        env=env,
        check=True,
        cwd=REPO,
    )
    assert [p.name for p in temp.glob("hfs-fontconfig-*")] == ["hfs-fontconfig-12345678"]


def test_nul_and_control_characters_are_a_check_error_and_refused_by_compile(
    tmp_path: Path,
) -> None:
    # Raw in the file: the reader takes any character but a line end inside quotes.
    for control in ("\x00", "\x01", "\x1b[31m", "\x7f", "\x85"):
        text = catalog(f'msgid "Yes"\nmsgstr "نعم{control}"\n')
        po = parse_po(text)
        assert "control-character" in [f.check for f in run_checks(po, "ar", "ar.po")], control
        (problem,) = compile_problems(po, tmp_path / "ar.po")
        assert "control character U+00" in problem.message
    fine = parse_po(catalog('msgid "a\\tb"\nmsgstr "ا\\tب"\n'))
    assert not [f for f in run_checks(fine, "ar", "ar.po") if f.check == "control-character"]
    assert compile_problems(fine, tmp_path / "ar.po") == []


def test_markup_depth_counts_open_elements() -> None:
    assert markup_depth("<b>a<i>b</i></b><br>") == 2
    assert markup_depth("<span>" * 5) == 5


def test_a_raised_nesting_limit_still_fails_in_one_line() -> None:
    """WeasyPrint's RecursionError (between 200 and 250 levels) becomes an InputError."""
    from hfs_i18n.pdf.writer import PdfWriter

    writer = PdfWriter(allowed_dirs=[], limits=Limits(max_nesting_depth=10_000))
    html = "<html><body><p>" + "<span>" * 400 + "x" + "</span>" * 400 + "</p></body></html>"
    with pytest.raises(InputError, match="nested too deeply for WeasyPrint"):
        writer.write(html, base_url="file:///tmp/", name="ar/x.pdf")
