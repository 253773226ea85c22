import codecs
import hashlib
import os
import pickle
import random
import sys
import unicodedata
from pathlib import Path

import pytest

from citygraph.ingest.errors import BadInput
from citygraph.ingest.reader import Cell, ReadError, Source, Table, read, read_bytes, tables

from ..conftest import TEST_DATA

DATA = TEST_DATA / "reader"
KOREAN = "서울시는 2023년 9월 웰링턴과 우호도시 협약을 맺었다.\n시장 면담: 9월 25일\n"


def src(text: str, name: str = "doc.txt") -> Source:
    return read_bytes(text.encode(), name)


def error_of(data: bytes, name: str = "doc.txt", **kwargs: int) -> str:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, name, **kwargs)
    assert caught.value.path == name
    return str(caught.value)


def row_texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


# --- decoding ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (KOREAN.encode("utf-8"), "utf-8"),
        (KOREAN.encode("utf-8-sig"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + KOREAN.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + KOREAN.encode("utf-16-be"), "utf-16"),
        (KOREAN.encode("utf-16-le"), "utf-16-le"),
        (KOREAN.encode("utf-16-be"), "utf-16-be"),
        (KOREAN.encode("cp949"), "cp949"),
        (KOREAN.encode("euc-kr"), "cp949"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16le-bom", "utf-16be-bom", "utf-16le", "utf-16be", "cp949",
         "euc-kr"],
)
def test_encodings_round_trip(tmp_path: Path, data: bytes, encoding: str) -> None:
    file = tmp_path / "note.txt"
    file.write_bytes(data)
    source = read(file)
    assert source.raw == KOREAN  # the byte-order mark is not part of the text
    assert source.text == KOREAN
    assert source.encoding == encoding
    assert data.decode(source.encoding) == source.raw
    assert source.size == len(data)
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.format == "text"


def test_path_is_kept_as_given(tmp_path: Path) -> None:
    file = tmp_path / "note.md"
    file.write_text("한빛시\n", encoding="utf-8")
    assert read(file).path == str(file)
    assert read(str(file)).path == str(file)
    assert read_bytes(b"x", "some/where.txt").path == "some/where.txt"


def test_english_utf16_without_bom_is_detected() -> None:
    text = "Hanbit and Northbay signed a friendship agreement.\n"
    assert read_bytes(text.encode("utf-16-le"), "a.txt").encoding == "utf-16-le"
    assert read_bytes(text.encode("utf-16-be"), "a.txt").raw == text


def test_cp949_only_characters_decode() -> None:
    # '똠' is outside EUC-KR's 2,350 syllables but in CP949.
    text = "똠방각하 시장 면담"
    source = read_bytes(text.encode("cp949"), "a.txt")
    assert (source.raw, source.encoding) == (text, "cp949")


# --- errors -----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.md"
    with pytest.raises(ReadError, match=r"nowhere\.md: the file does not exist\.") as caught:
        read(missing)
    assert caught.value.path == str(missing)


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="is a folder, not a file"):
        read(tmp_path)


def test_fifo_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match=r"pipe\.txt: this is not a regular file\."):
        read(fifo)


def test_empty_file(tmp_path: Path) -> None:
    file = tmp_path / "empty.txt"
    file.write_bytes(b"")
    with pytest.raises(ReadError, match=r"empty\.txt: the file is empty\."):
        read(file)


@pytest.mark.parametrize(
    "data", [b"  \n\t\r\n", codecs.BOM_UTF8, "\u3000\xa0\n".encode(), " \n".encode("utf-16")]
)
def test_whitespace_only_file(data: bytes) -> None:
    assert error_of(data, "blank.md") == "blank.md: the file holds only whitespace."


def test_over_the_size_limit(tmp_path: Path) -> None:
    file = tmp_path / "big.txt"
    file.write_bytes(b"x" * 2001)
    with pytest.raises(ReadError) as caught:
        read(file, max_bytes=2000)
    message = str(caught.value)
    assert message.startswith(f"{file}: the file is 2,001 bytes")
    assert "limit of 2,000 bytes" in message
    assert "the limit can be raised" in message
    assert read(file, max_bytes=2001).size == 2001


def test_read_bytes_checks_the_limit_too() -> None:
    message = error_of(b"abcdef", "b.txt", max_bytes=5)
    assert message.startswith("b.txt: the file is 6 bytes, more than the limit of 5 bytes")
    assert read_bytes(b"abcde", "b.txt", max_bytes=5).raw == "abcde"


def test_pdf_is_not_supported_yet() -> None:
    message = error_of(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "report.pdf")
    assert message.startswith("report.pdf: PDF files are not supported yet")
    assert "convert it to UTF-8 text" in message


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive (such as DOCX, HWPX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "an OLE compound file (such as HWP"),
    ],
)
def test_office_files_are_named(data: bytes, kind: str) -> None:
    assert error_of(data, "press.hwp").startswith(f"press.hwp: the file is {kind}")


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03\x00\x00\xff\x10\x00",  # NULs on both sides: not UTF-16
        b"header\x00\x00\x00\x00\x00\x00\x00\x00\x00data",  # odd length
    ],
)
def test_nul_bytes_mean_binary(data: bytes) -> None:
    message = error_of(data, "blob.txt")
    assert message.startswith("blob.txt: the file holds NUL bytes and is not UTF-16")
    assert "binary" in message


def test_control_characters_mean_binary() -> None:
    data = b"\x1b\x02\x03ab\x04\x05\x06cd\x07\x08"
    message = error_of(data, "blob.txt")
    assert message.startswith("blob.txt: ")
    assert "control characters, so it looks binary" in message


def test_a_few_control_characters_are_text() -> None:
    text = "한빛시 국제협력과 보도자료입니다. " * 4 + "\x1b\x0c\x1a"
    source = src(text)
    assert source.raw == text
    assert source.text.endswith(".  \n ")  # ESC and ^Z become spaces, form feed a line break


def test_undecodable_in_every_encoding() -> None:
    message = error_of(b"Hanbit \x80\x80 Northbay", "odd.txt")
    assert message.startswith("odd.txt: the file is not text in a supported encoding")
    assert "UTF-8, UTF-16 or CP949/EUC-KR" in message
    assert "byte 7 (0x80) is not valid UTF-8" in message


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (codecs.BOM_UTF8 + b"ok \xc3(", "starts with a UTF-8 byte-order mark but is not valid"),
        (codecs.BOM_UTF16_LE + b"a\x00b", "starts with a UTF-16 byte-order mark but is not"),
    ],
)
def test_byte_order_mark_then_invalid_bytes(data: bytes, problem: str) -> None:
    assert problem in error_of(data, "bom.txt")


def test_read_error_is_bad_input_and_pickles() -> None:
    error = ReadError("a.txt", "the file is empty.")
    assert isinstance(error, BadInput)
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 (our own object)
    assert (copy.path, copy.problem) == ("a.txt", "the file is empty.")
    assert str(copy) == "a.txt: the file is empty."


# --- format ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("a.html", "hello", "html"),
        ("a.HTM", "hello", "html"),
        ("a.txt", "  \n<!DOCTYPE html><p>hi</p>", "html"),
        ("a", "<html lang='ko'><body>hi</body></html>", "html"),
        ("a.md", "<html>\nhi", "html"),
        ("a.md", "# hi", "markdown"),
        ("a.markdown", "hi", "markdown"),
        ("a.txt", "# hi", "text"),
        ("a.txt", "<htmlish> text", "text"),
        ("a.md.bak", "hi", "text"),
    ],
)
def test_format(name: str, text: str, fmt: str) -> None:
    assert src(text, name).format == fmt


# --- the extraction view: HTML ----------------------------------------------------------


def test_html_fixture_keeps_offsets() -> None:
    source = read(DATA / "notice.en.html")
    assert source.format == "html"
    assert len(source.text) == len(source.raw)
    for word in ["Hanbit", "Northbay", "friendship cities", "October", "강조했다", "KR", "NZ"]:
        start = source.text.index(word)
        assert source.raw[start : start + len(word)] == word
    # the title stays; head, style, script and comments are blanked
    assert "Hanbit &     Northbay sign a friendship agreement" in source.text
    for hidden in ["utf-8", "padding", "not text", "draft", "the date", "<p", "</", "td>"]:
        assert hidden not in source.text
    assert "<   우호 협력>   을" in source.text


def test_html_tags_become_spaces_block_tags_line_breaks() -> None:
    source = src("<div>Seoul <b>and</b> Taipei</div><br/>end", "a.html")
    assert source.text == "\n    Seoul    and     Taipei\n     \n    end"


def test_html_text_view_only_has_tags_blanked() -> None:
    raw = '<p class="lead">시장 <a href="/x?a=1&b=2">면담</a></p>'
    source = src(raw, "a.html")
    assert source.text.split() == ["시장", "면담"]
    start = source.text.index("면담")
    assert source.raw[start : start + 2] == "면담"
    assert source.text[: len('<p class="lead">')] == "\n" + " " * 15


def test_quoted_greater_than_inside_a_tag() -> None:
    source = src('<p title="a > b">text</p>', "a.html")
    assert source.text.split() == ["text"]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("R&amp;D", "R&    D"),
        ("1 &lt; 2 &gt; 0", "1 <    2 >    0"),
        ("&quot;hi&quot;", '"     hi"     '),
        ("it&#39;s", "it'" + " " * 4 + "s"),
        ("it&#x27;s", "it'" + " " * 5 + "s"),
        ("a&nbsp;b", "a      b"),  # NBSP, then normalised to a space
        ("&#54620;빛", "한" + " " * 7 + "빛"),
        ("&hellip;", "…       "),
        ("R&D &bogus; &amp", "R&D &bogus; &amp"),  # not entities: left alone
    ],
)
def test_entities(raw: str, text: str) -> None:
    for name in ["a.html", "a.md", "a.txt"]:
        source = src(raw, name)
        assert source.text == text
        assert len(source.text) == len(source.raw)


def test_entity_value_is_not_read_as_a_tag() -> None:
    assert src("&lt;b&gt;bold&lt;/b&gt;", "a.html").text.split() == ["<", "b>", "bold<", "/b>"]


def test_script_style_head_and_comments_keep_newlines() -> None:
    raw = (
        "<html><head>\n<meta x>\n<title>제목</title>\n<style>\np {}\n</style>\n</head>\n"
        "<body><script>\nlet a = '<p>';\n</script><!-- a\nb -->본문</body></html>"
    )
    source = src(raw, "a.html")
    assert [i for i, ch in enumerate(source.raw) if ch == "\n"] == [
        i for i, ch in enumerate(source.text) if ch == "\n" and source.raw[i] == "\n"
    ]
    assert source.text.split() == ["제목", "본문"]


def test_html_head_ends_at_body_even_without_closing_tag() -> None:
    assert src("<head><title>t</title><body><p>x</p>", "a.html").text.split() == ["t", "x"]
    # no <head> at all: text is kept
    assert src("<!doctype html><p>x</p>", "a.txt").text.split() == ["x"]


def test_unclosed_script_blanks_to_the_end_in_html() -> None:
    assert src("<p>a</p><script>var x = 1;", "a.html").text.split() == ["a"]


def test_pre_keeps_tabs_other_html_tabs_become_spaces() -> None:
    source = src("<p>a\tb</p><pre>c\td</pre>", "a.html")
    assert source.text.count("\t") == 1
    assert source.text.index("\t") == source.raw.index("c\td") + 1


# --- the extraction view: fragments in Markdown and text files ----------------------------


def test_inline_html_in_markdown() -> None:
    raw = "한빛시 <b>우호도시</b> 협약<br>체결\n"
    source = src(raw, "a.md")
    assert source.text == "한빛시    우호도시     협약\n   체결\n"


@pytest.mark.parametrize(
    "raw",
    [
        "< 세부주제 >",
        "<서울시>",
        "a < b and c > d",
        "5<6 and 7>3",
        "<https://example.org/news>",
        "<someone@example.org>",
        "<unknown>tag</unknown>",
        "<b unclosed",
        "</ 세부>",
    ],
)
def test_less_than_that_is_not_a_tag_stays_text(raw: str) -> None:
    for name in ["a.md", "a.txt"]:
        assert src(raw, name).text == raw


def test_less_than_in_html_documents() -> None:
    source = src("<p>< 세부주제 > 5 < 6</p>", "a.html")
    assert source.text == "\n  < 세부주제 > 5 < 6\n   "
    # any tag name counts in an HTML document, even custom and Word ones
    assert src("<o:p>x</o:p><my-tag>y</my-tag>", "a.html").text.split() == ["x", "y"]


def test_markdown_blanking() -> None:
    raw = (
        "## 한빛시 **우호도시** 협약 ##\n"
        "### Title\n"
        "#hashtag stays\n"
        "    # indented by four spaces: code, not a heading\n"
        "- 목록 __밑줄__ 1\\. 이스케이프 \\* 별표 \\\\ 역슬래시\n"
        "* list item with *single* emphasis\n"
    )
    source = src(raw, "a.md")
    lines = source.text.split("\n")
    assert lines[0] == "   한빛시   우호도시   협약   "
    assert lines[1] == "    Title"
    assert lines[2] == "#hashtag stays"
    assert lines[3] == raw.split("\n")[3]
    assert lines[4] == "- 목록   밑줄   1 . 이스케이프  * 별표  \\ 역슬래시"
    assert lines[5] == "* list item with *single* emphasis"


def test_markdown_markers_stay_in_text_files() -> None:
    raw = "## 제목 **굵게** \\*\n"
    assert src(raw, "a.txt").text == raw


def test_markdown_fixture() -> None:
    source = read(DATA / "briefing.ko.md")
    assert source.format == "markdown"
    first = source.text.split("\n")[2]
    assert first.split() == ["한빛시,", "노스베이와", "우호도시", "협약", "체결"]
    assert "< 주요 일정 >" in source.text
    assert "*" not in source.text.replace(" * 협약 기간", "")
    start = source.text.index("항만 시설 견학")
    assert source.raw[start : start + 8] == "항만 시설 견학"


# --- the extraction view: spaces and line ends --------------------------------------------


def test_crlf_and_unicode_spaces() -> None:
    source = src("서울\r\n웰링턴\xa0시\u3000청\u2009사\r\n", "a.txt")
    assert source.text == "서울 \n웰링턴 시 청 사 \n"


def test_every_unicode_space_becomes_a_space() -> None:
    spaces = "".join(
        chr(cp) for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) == "Zs"
    )
    assert len(spaces) >= 17
    source = src("a" + spaces + "b", "a.txt")
    assert source.text == "a" + " " * len(spaces) + "b"


def test_line_separators_become_line_breaks() -> None:
    assert src("a\u2028b\u2029c\x0bd", "a.txt").text == "a\nb\nc\nd"


def test_source_checks_the_views_are_as_long() -> None:
    with pytest.raises(ValueError, match="must be as long"):
        Source("a", "abc", "ab", "utf-8", "text", "0" * 64, 3)


def test_repr_leaves_out_the_text() -> None:
    shown = repr(src("한빛시 " * 100, "a.txt"))
    assert "한빛시" not in shown and "a.txt" in shown and "utf-8" in shown


# --- a property over many inputs ---------------------------------------------------------

PIECES = [
    "서울", "Seoul", " ", "\t", "\n", "\r\n", "\xa0", "\u3000", "<b>", "</b>", "<p>", "</p>",
    "<br/>", "<td>", "<tr>", "</tr>", "<table>", "</table>", "<ul style=\"x: y\">", "<li>",
    "<!-- c\nd -->", "<script>if (a<b) {}</script>", "<style>\n</style>", "<head>", "<title>",
    "</title>", "</head>", "&amp;", "&#39;", "&nbsp;", "&#54620;", "&bogus;", "**", "__", "\\*",
    "## ", "# ", "< 세부 >", "<", ">", "&", "\"", "'", "=", "#", "\\",
]


def generated(seed: int) -> str:
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 60)))


def fixtures() -> list[tuple[str, str]]:
    return [(p.read_text(encoding="utf-8"), p.name) for p in sorted(DATA.iterdir())]


@pytest.mark.parametrize("name", ["a.html", "a.md", "a.txt"])
def test_text_view_is_raw_with_characters_blanked(name: str) -> None:
    inputs = [(generated(seed), name) for seed in range(300)] + fixtures()
    checked = 0
    for raw, file_name in inputs:
        if not raw.strip():
            continue
        source = src("x" + raw, file_name)
        assert len(source.text) == len(source.raw)
        for i, (shown, original) in enumerate(zip(source.text, source.raw, strict=True)):
            if shown == original or shown == " ":
                continue
            if shown == "\n":  # from a block tag or a line separator
                assert original in "<\x0b\x0c\x85\u2028\u2029", (raw, i)
            elif shown == "\t":  # from <td> or <th>
                assert original == "<", (raw, i)
            else:  # an entity's character stands at its '&'
                assert original == "&", (raw, i)
        for table in tables(source.text):
            for row in table.rows:
                for cell in row:
                    assert source.text[cell.start : cell.end] == cell.text
        checked += 1
    assert checked > 250


# --- tables -------------------------------------------------------------------------------


def test_tables_from_tab_separated_lines() -> None:
    source = read(DATA / "schedule.ko.txt")
    [table] = tables(source.text)
    assert row_texts(table) == [
        ["시간", "1일차", "2일차"],
        ["오전", "개회식", "현장 방문"],
        ["오후", "", "폐회식"],
    ]
    assert source.raw[table.start : table.end] == (
        "시간\t1일차\t2일차\n오전\t개회식\t현장 방문\n오후\t\t폐회식"
    )
    empty = table.rows[2][1]
    assert empty.start == empty.end == source.raw.index("\t\t폐회식") + 1
    for row in table.rows:
        for cell in row:
            assert source.raw[cell.start : cell.end] == cell.text


def test_cells_are_stripped_with_their_spans() -> None:
    text = "  a \t b\n\tc\t\n"
    [table] = tables(text)
    assert table.rows == (
        (Cell("a", 2, 3), Cell("b", 6, 7)),
        (Cell("", 8, 8), Cell("c", 9, 10), Cell("", 11, 11)),
    )
    assert (table.start, table.end) == (2, 10)


@pytest.mark.parametrize(
    "text",
    [
        "only\tone line\n",
        "a\tb\n\nc\td\n",  # a blank line between
        "a\tb\nno tab\nc\td\n",
        "a\tb\n\t \t\nc\td\n",  # only tabs and spaces: an empty line
        "",
    ],
)
def test_no_table(text: str) -> None:
    assert tables(text) == []


def test_tables_in_crlf_text_are_the_same_in_both_views() -> None:
    source = src("머리말\r\n도시\t연도\r\n타이베이\t1968\r\n", "a.txt")
    assert tables(source.raw) == tables(source.text)
    assert row_texts(tables(source.raw)[0]) == [["도시", "연도"], ["타이베이", "1968"]]


def test_two_tables() -> None:
    found = tables("a\tb\nc\td\ntext\ne\tf\ng\th\ni\tj")
    assert [row_texts(t) for t in found] == [
        [["a", "b"], ["c", "d"]],
        [["e", "f"], ["g", "h"], ["i", "j"]],
    ]


def test_table_from_html_fixture() -> None:
    source = read(DATA / "notice.en.html")
    [table] = tables(source.text)
    assert row_texts(table) == [["City", "Country"], ["Hanbit", "KR"], ["Northbay", "NZ"]]
    assert source.raw[table.start : table.end].startswith("City</th>")
    assert source.raw[table.start : table.end].endswith("NZ")
    cell = table.rows[2][1]
    assert source.raw[cell.start : cell.end] == "NZ"


def test_table_from_one_line_html() -> None:
    raw = (
        "<table><tr><th>도시</th><th>연도</th></tr>"
        "<tr><td>타이베이</td><td>1968</td></tr></table>"
    )
    [table] = tables(src(raw, "a.html").text)
    assert row_texts(table) == [["도시", "연도"], ["타이베이", "1968"]]


def test_html_table_in_markdown_ends_at_a_blank_line() -> None:
    raw = "<table>\n<tr><td>a</td>\n<td>b</td></tr>\n<tr><td>c</td><td>d</td></tr>\n\nx\ny\n"
    source = src(raw, "a.md")
    [table] = tables(source.text)
    assert row_texts(table) == [["a", "b"], ["c", "d"]]
    assert source.text.endswith("\n\nx\ny\n")


def test_list_cells_in_markdown_stay_one_row_per_line() -> None:
    source = read(DATA / "briefing.ko.md")
    [table] = tables(source.text)
    assert [[" ".join(text.split()) for text in row] for row in row_texts(table)] == [
        ["구분", "내용"],
        ["오전", "- 시장 면담 - 항만 시설 견학"],
        ["오후", "• 협약식"],
    ]
    lines = source.raw.split("\n")
    assert source.text.count("\n") == source.raw.count("\n")
    assert len(table.rows) == sum(1 for line in lines if "\t" in line)


def test_block_tags_break_lines_outside_tab_lines_in_markdown() -> None:
    source = src("<ul><li>하나</li><li>둘</li></ul>\n", "a.md")
    assert [line.strip() for line in source.text.split("\n") if line.strip()] == ["하나", "둘"]
