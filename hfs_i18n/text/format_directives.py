"""Format directives of the format flags GNU gettext knows in this project's ecosystem:
where they are in a string, and whether a translation keeps its source's directives.

Two questions, both asked as GNU gettext 0.21 answers them (its ``format-*.c`` parsers,
rules read from the sources and checked against the binaries; the code is our own):

* **Where** (:data:`DIRECTIVE_PARSERS`): the ``(start, end)`` spans of valid directives
  of python (``%(name)s``), python-brace (``{name}``), c/objc (printf, ``<PRIu64>``) and
  javascript strings.  The PO writer never breaks a line inside one, as ``msgcat`` does.
* **Agree** (:func:`format_fails`): would ``msgfmt --check`` refuse this translation for
  this format flag (python-format, python-brace-format, c-format)?  ``compile`` refuses
  what it refuses; ``update`` marks such a kept translation fuzzy, as ``msgmerge`` does.

:mod:`hfs_i18n.text.placeholders` is the project's own, stricter comparison (every name,
every plural form, used by ``check`` and ``compile``); this module is GNU's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Where directives are (write-po.c never breaks a line inside one of the entry's first
# format flag, in GNU's NFORMATS order).  Each parser below returns the (start, end)
# offsets of valid directives and stops at the first invalid one, as format-*.c's parsers do.

FORMAT_ORDER = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl",
    "perl-brace", "php", "gcc-internal", "gfc-internal", "ycp",
)  # fmt: skip
FORMAT_RANK = {name: i for i, name in enumerate(FORMAT_ORDER)}


def _python_directives(text: str, is_msgstr: bool) -> list[tuple[int, int]]:
    """format-python.c: ``%[(name)][flags][width][.precision][hlL]conversion``."""
    found: list[tuple[int, int]] = []
    n = len(text)
    named = unnamed = 0  # a string uses names or positions, never both
    i = 0
    while True:
        i = text.find("%", i)
        if i < 0:
            return found
        start = i
        i += 1
        has_name = i < n and text[i] == "("
        if has_name:
            depth = 0
            i += 1
            while i < n and not (text[i] == ")" and depth == 0):
                depth += (text[i] == "(") - (text[i] == ")")
                i += 1
            if i >= n:
                return found
            i += 1
        while i < n and text[i] in "-+ #0":
            i += 1
        if i < n and text[i] == "*":
            if named:
                return found
            unnamed += 1
            i += 1
        else:
            i = _ascii_digits_end(text, i)
        if i < n and text[i] == ".":
            i += 1
            if i < n and text[i] == "*":
                if named:
                    return found
                unnamed += 1
                i += 1
            else:
                i = _ascii_digits_end(text, i)
        if i < n and text[i] in "hlL":
            i += 1
        if i >= n or text[i] not in "%csridouxXeEfgG":
            return found
        if has_name:
            if unnamed:
                return found
            named += 1
        elif text[i] != "%":
            if named:
                return found
            unnamed += 1
        found.append((start, i))
        i += 1


def _ascii_name_end(text: str, i: int) -> int:
    """End of an ASCII identifier starting at ``i`` (``i`` itself if there is none)."""
    n = len(text)
    if i < n and (text[i] == "_" or ("a" <= text[i].lower() <= "z")):
        i += 1
        while i < n and (text[i] == "_" or (text[i].isascii() and text[i].isalnum())):
            i += 1
    return i


def _ascii_digits_end(text: str, i: int) -> int:
    while i < len(text) and "0" <= text[i] <= "9":
        i += 1
    return i


def _brace_directive(text: str, i: int, toplevel: bool) -> tuple[int, bool]:
    """Parse the ``{...}`` at ``i``: (offset of its closing brace or of the error, ok)."""
    n = len(text)
    i += 1
    if i < n and text[i] == "{":
        return i, True  # "{{" is an escaped brace, no directive
    end = _ascii_name_end(text, i)
    if end == i:
        end = _ascii_digits_end(text, i)
        if end == i:
            return i, False
    i = end
    while i < n and text[i] in ".[":
        if text[i] == ".":
            end = _ascii_name_end(text, i + 1)
            if end == i + 1:
                return i + 1, False
        else:
            end = _ascii_name_end(text, i + 1)
            if end == i + 1:
                end = _ascii_digits_end(text, i + 1)
                if end == i + 1:
                    return i + 1, False
            if end >= n or text[end] != "]":
                return end, False
            end += 1
        i = end
    if i < n and text[i] == ":":
        if not toplevel:
            return i, False
        i += 1
        if i < n and text[i] == "{":
            i, ok = _brace_directive(text, i, False)
            if not ok:
                return i, False
            i += 1
        else:
            if i >= n:
                return i, False
            if i + 1 < n and text[i + 1] in "<>=^":
                i += 2
            elif text[i] in "<>=^":
                i += 1
            if i < n and text[i] in "+- ":
                i += 1
            if i < n and text[i] == "#":
                i += 1
            if i < n and text[i] == "0":
                i += 1
            i = _ascii_digits_end(text, i)
            if i < n and text[i] == "." and i + 1 < n and "0" <= text[i + 1] <= "9":
                i = _ascii_digits_end(text, i + 1)
            if i < n and text[i] in "bcdoxXneEfFgG%":
                i += 1
    if i < n and text[i] == "}":
        return i, True
    return i, False


def _python_brace_directives(text: str, is_msgstr: bool) -> list[tuple[int, int]]:
    """format-python-brace.c of gettext 0.21, including its offset quirk.

    That parser records each directive's start and end relative to the directive's own
    '{' instead of the string, so every mark lands at the start of the string: bytes
    1..(shortest directive length - 1) are protected, and nothing else.
    """
    ends: list[int] = []
    error = None
    i = 0
    n = len(text)
    while i < n:
        if text[i] != "{":
            i += 1
            continue
        end, ok = _brace_directive(text, i, True)
        relative = len(text[i:end].encode("utf-8"))
        if not ok:
            error = relative
            break
        if end > i + 1 or text[end] != "{":
            ends.append(relative)
        i = end + 1
    if not ends or (error is not None and error <= min(ends)):
        return []
    limit = min(ends)
    last = 0
    offset = len(text[0].encode("utf-8"))
    for k in range(1, n):
        if offset > limit:
            break
        last = k
        offset += len(text[k].encode("utf-8"))
    return [(0, last)] if last else []


_PRI_MACRO_RE = re.compile(r"<PRI[diouxX](?:MAX|PTR|(?:LEAST|FAST)?(?:8|16|32|64))>")


def _c_directives(text: str, is_msgstr: bool, objc: bool = False) -> list[tuple[int, int]]:
    """format-c.c (gettext 0.21): printf directives, ``<PRI...>`` macros, 'I' in msgstr."""
    found: list[tuple[int, int]] = []
    n = len(text)
    numbered = unnumbered = 0
    i = 0
    while True:
        i = text.find("%", i)
        if i < 0:
            return found
        start = i
        i += 1
        number = 0
        end = _ascii_digits_end(text, i)
        if end > i and end < n and text[end] == "$":
            number = int(text[i:end])
            if number == 0:
                return found
            i = end + 1
        while i < n and (text[i] in " +-#0'" or (is_msgstr and text[i] == "I")):
            i += 1
        for _ in range(2):  # width, then precision
            if i < n and text[i] == "*":
                i += 1
                end = _ascii_digits_end(text, i)
                if end > i and end < n and text[end] == "$":
                    if int(text[i:end]) == 0:
                        return found
                    i = end + 1
                    if unnumbered:
                        return found
                    numbered += 1
                else:
                    if numbered:
                        return found
                    unnumbered += 1
            else:
                i = _ascii_digits_end(text, i)
            if _ > 0 or i >= n or text[i] != ".":
                break
            i += 1
        takes_argument = True
        if i < n and text[i] == "<":
            match = _PRI_MACRO_RE.match(text, i)
            if match is None:
                return found
            i = match.end() - 1
        else:
            while i < n and text[i] in "hlLqjzZt":  # 0.21 takes any run of size letters
                i += 1
            if i >= n:
                return found
            conversion = text[i]
            if conversion in "%m":
                takes_argument = False
            elif conversion == "@" and objc:
                pass
            elif conversion not in "csCSiduoxXeEfFgGaApn":
                return found
        if takes_argument:
            if number:
                if unnumbered:
                    return found
                numbered += 1
            else:
                if numbered:
                    return found
                unnumbered += 1
        found.append((start, i))
        i += 1


_JS_DIRECTIVE_RE = re.compile(r"%[-+ 0I]*[0-9]*(?:\.[0-9]*)?[%csbdoxXfj]")


def _regex_directives(pattern: re.Pattern[str]):
    def parse(text: str, is_msgstr: bool) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        i = text.find("%")
        while i >= 0:
            match = pattern.match(text, i)
            if match is None:
                return found
            found.append((i, match.end() - 1))
            i = text.find("%", match.end())
        return found

    return parse


DIRECTIVE_PARSERS = {
    "python": _python_directives,
    "python-brace": _python_brace_directives,
    "c": _c_directives,
    "objc": lambda text, is_msgstr: _c_directives(text, is_msgstr, objc=True),
    "javascript": _regex_directives(_JS_DIRECTIVE_RE),
}


# --------------------------------------------------------------------------- msgfmt --check
# msgfmt --check refuses, and msgmerge marks a kept translation fuzzy when the template
# newly flags the message as a format string, a translation that fails the format check
# (``check_msgid_msgstr_format_i``).  This section answers that
# question for the format kinds our extractor emits and C's, with gettext 0.21's rules as
# measured with msgmerge: argument names or counts must agree, conversion types must be of
# the same kind (``%d``/``%i``/``%x`` are integers, ``%f``/``%g`` floats, ``%s``/``%r``
# strings, ``%c`` a character), and an invalid msgstr fails.  An invalid msgid is never a
# reason (msgfmt reports it elsewhere).  Other format kinds return "passes" (a known gap).


_PY_KINDS = {
    "c": "char",
    "s": "string",
    "r": "string",
    "a": "string",
    "d": "int",
    "i": "int",
    "u": "int",
    "o": "int",
    "x": "int",
    "X": "int",
    "e": "float",
    "E": "float",
    "f": "float",
    "F": "float",
    "g": "float",
    "G": "float",
}


class _Invalid(Exception):
    pass


def _python_size(text: str, i: int, name: str | None, unnamed: list[str]) -> int:
    """Past a width or precision at ``i``: digits, or ``*`` (an unnamed int argument,
    which a named directive may not take)."""
    if text[i : i + 1] == "*":
        if name is not None:
            raise _Invalid
        unnamed.append("int")
        return i + 1
    while i < len(text) and text[i].isdigit():
        i += 1
    return i


def _python_spec(text: str) -> tuple[dict[str, str], list[str]]:
    """Named arguments (name -> kind) and unnamed ones (kinds, in order) of a %-format."""
    named: dict[str, str] = {}
    unnamed: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] != "%":
            i += 1
            continue
        i += 1
        name = None
        if i < n and text[i] == "(":
            depth, start = 1, i + 1
            i += 1
            while i < n and depth:
                depth += {"(": 1, ")": -1}.get(text[i], 0)
                i += 1
            if depth:
                raise _Invalid
            name = text[start : i - 1]
        while i < n and text[i] in " -+#0":
            i += 1
        i = _python_size(text, i, name, unnamed)  # the width
        if i < n and text[i] == ".":
            i = _python_size(text, i + 1, name, unnamed)  # the precision
        while i < n and text[i] in "hlL":
            i += 1
        if i >= n:
            raise _Invalid
        conversion = text[i]
        i += 1
        if conversion == "%":
            continue
        kind = _PY_KINDS.get(conversion)
        if kind is None:
            raise _Invalid
        if name is None:
            unnamed.append(kind)
        else:
            if named.get(name, kind) != kind:
                raise _Invalid
            named[name] = kind
    if named and unnamed:
        raise _Invalid
    return named, unnamed


_BRACE_FIELD_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*|[0-9]+)((?:\.[A-Za-z_]\w*|\[[^\]]*\])*)")


def _brace_spec(text: str) -> tuple[dict[str, str], list[str]]:
    names: dict[str, str] = {}
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "}":
            if text[i + 1 : i + 2] != "}":
                raise _Invalid
            i += 2
            continue
        if char != "{":
            i += 1
            continue
        if text[i + 1 : i + 2] == "{":
            i += 2
            continue
        match = _BRACE_FIELD_RE.match(text, i)  # at i, no copy: linear in the string
        if match is None:
            raise _Invalid
        field = match.group(1) + match.group(2)
        i = match.end()
        if text[i : i + 1] == "!":
            if i + 1 >= n or text[i + 1] not in "rsa":
                raise _Invalid
            i += 2
        if text[i : i + 1] == ":":
            depth = 0
            i += 1
            while i < n and not (text[i] == "}" and depth == 0):
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
        if text[i : i + 1] != "}":
            raise _Invalid
        i += 1
        names[field] = "any"
    return names, []


_C_RE = re.compile(
    r"%(?:(\d+)\$)?([-+ #0'I]*)(\*(?:\d+\$)?|\d+)?(?:\.(\*(?:\d+\$)?|\d*))?"
    r"(hh|h|ll|l|L|q|j|z|Z|t)?(.)",
    re.S,
)
_C_KINDS = {
    **dict.fromkeys("di", "int"),
    **dict.fromkeys("ouxX", "unsigned"),
    **dict.fromkeys("eEfFgGaA", "double"),
    "c": "char",
    "s": "string",
    "p": "pointer",
    "n": "count",
    "C": "wchar",
    "S": "wstring",
}


def _c_spec(text: str) -> tuple[dict[str, str], list[str]]:
    """Arguments of a C printf format, by position (positional ``%1$s`` or in order)."""
    args: dict[int, str] = {}
    next_arg, positional, sequential = 1, False, False
    i = 0
    while True:
        i = text.find("%", i)
        if i < 0:
            break
        if text.startswith("%%", i):
            i += 2
            continue
        match = _C_RE.match(text, i)
        if match is None:
            raise _Invalid
        number, _, width, precision, size, conversion = match.groups()
        if conversion not in _C_KINDS:
            raise _Invalid
        star_args = [w for w in (width, precision) if w and w.startswith("*")]
        for star in star_args:
            if star != "*":
                positional = True
                args[int(star[1:-1])] = "int"
            else:
                sequential = True
                args[next_arg] = "int"
                next_arg += 1
        kind = (size or "") + _C_KINDS[conversion]
        if number:
            positional = True
            position = int(number)
        else:
            sequential = True
            position = next_arg
            next_arg += 1
        if args.get(position, kind) != kind:
            raise _Invalid
        args[position] = kind
        i = match.end()
    if positional and sequential:
        raise _Invalid
    if args and sorted(args) != list(range(1, len(args) + 1)):
        raise _Invalid
    return {}, [args[k] for k in sorted(args)]


CHECKED_FORMATS = ("c-format", "python-format", "python-brace-format")
_PARSERS = {"python-format": _python_spec, "python-brace-format": _brace_spec, "c-format": _c_spec}


def _agree(source: tuple, translation: tuple, strict: bool) -> bool:
    named1, unnamed1 = source
    named2, unnamed2 = translation
    if (named1 and unnamed2) or (unnamed1 and named2):
        return False
    for name, kind in named2.items():
        if name not in named1 or named1[name] != kind:
            return False
    if strict and set(named1) != set(named2):
        return False
    if len(unnamed2) > len(unnamed1) or (strict and len(unnamed2) != len(unnamed1)):
        return False
    return all(a == b for a, b in zip(unnamed1, unnamed2, strict=False))


def format_problem(
    flag: str, msgid: str, msgid_plural: str, msgstrs: Sequence[str], strict: Sequence[bool]
) -> str | None:
    """Why ``msgfmt --check`` refuses these translations for ``flag``, or None.

    ``strict[j]`` says whether form ``j`` must use every argument of the source: a
    singular message, or a plural form the plural expression picks often (more than 5
    counts in 0..1000, as GNU's ``check_msgid_msgstr_format_i``); a rarely picked form
    ("one file", "no files") may leave arguments out but never add one.
    """
    parser = _PARSERS.get(flag)
    if parser is None:
        return None
    try:
        source = parser(msgid_plural or msgid)
    except _Invalid:
        return None
    for j, text in enumerate(msgstrs):
        field = f"msgstr[{j}]" if msgid_plural else "msgstr"
        try:
            spec = parser(text)
        except _Invalid:
            return f"'{field}' is not a valid {flag} string"
        if not _agree(source, spec, strict=strict[j] if j < len(strict) else True):
            return f"the {flag} directives of '{field}' do not match those of the msgid"
    return None


def format_fails(flag: str, msgid: str, msgid_plural: str, msgstrs: list[str]) -> bool:
    """True if these translations would fail ``msgfmt -c`` for ``flag`` (e.g. python-format).

    Plural forms are checked loosely here (what ``msgmerge`` needs to decide fuzziness);
    :func:`format_problem` takes GNU's per-form strictness.
    """
    strict = [not msgid_plural] * len(msgstrs)
    return format_problem(flag, msgid, msgid_plural, msgstrs, strict) is not None
