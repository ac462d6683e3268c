"""Register from a scan: the fields read from the OCR text of a 红头文件, noise and all."""

from __future__ import annotations

from datetime import date

from app.services.documents.from_file import propose
from app.services.documents.red_header import read_red_header

# What an OCR engine gives for a two-page scanned notice: spaced header, 〔〕 read as []/（）,
# the title wrapped over two lines, a half-width 主送 line, a 文号 quoted in the body, page numbers.
CLEAN_SCAN = """\
赵巷镇人民政府文件
赵府发〔2026〕12号
关于做好2026年秋冬季森林防火工作的通知
各村（居）委会、镇属各单位：
为贯彻落实《青浦区森林防火工作方案》（青府办发〔2026〕7号）要求，现就有关事项通知如下。
— 1 —
一、加强巡查值守，严防野外用火。
请各单位于8月15日前报送排查情况。
赵巷镇人民政府
2026年8月3日
（此件公开发布）
"""

NOISY_SCAN = """\
赵 巷 镇 人 民 政 府 文 件
———————————————
赵府发 [2026] 12 号
关于做好2026年秋冬季森林防火
工作的通知
各村(居)委会丶镇属各单位:
为贯彻落实《青浦区森林防火工作方案》(青府办发〔2026〕7号)要求，现就有关事项通知如下。
-2-
一、加强巡查值守，严防野外用火。
赵巷镇人民政府
二〇二六年八月三日
"""


def test_clean_scan_gives_every_field() -> None:
    header = read_red_header(CLEAN_SCAN)
    assert header is not None
    assert header.issuer == "赵巷镇人民政府"
    assert header.doc_number == "赵府发〔2026〕12号"
    assert header.title == "关于做好2026年秋冬季森林防火工作的通知"
    assert header.addressee == "各村（居）委会、镇属各单位"
    assert header.written_on == date(2026, 8, 3)
    assert header.publisher == "赵巷镇人民政府"


def test_ocr_noise_is_read_through() -> None:
    """Spaced header, rule line, [] brackets, two-line title, half-width 主送, Chinese-numeral date."""
    header = read_red_header(NOISY_SCAN)
    assert header is not None
    assert header.issuer == "赵巷镇人民政府"
    assert header.doc_number == "赵府发〔2026〕12号"
    assert header.title == "关于做好2026年秋冬季森林防火工作的通知"
    assert header.addressee == "各村（居）委会、镇属各单位"
    assert header.written_on == date(2026, 8, 3)


def test_brackets_read_as_parentheses_or_mixed() -> None:
    for line in (
        "赵府发（2026）12号",
        "赵府发【2026]12号",
        "赵府发〔２０２６〕１２号",
        "赵府发(2026〕第12号",
    ):
        header = read_red_header(NOISY_SCAN.replace("赵府发 [2026] 12 号", line))
        assert header is not None and header.doc_number == "赵府发〔2026〕12号", line


def test_a_number_quoted_in_the_body_is_never_the_documents_own() -> None:
    """The 文号 line is unreadable (a seal over it): none, rather than the body's 青府办发〔2026〕7号."""
    header = read_red_header(NOISY_SCAN.replace("赵府发 [2026] 12 号", "赵府发▇▇▇▇"))
    assert header is not None
    assert header.doc_number == ""
    assert header.title == "关于做好2026年秋冬季森林防火工作的通知"


def test_the_date_is_the_last_date_line_not_the_printing_line() -> None:
    text = CLEAN_SCAN + "赵巷镇党政办公室                2026年8月4日印发\n"
    header = read_red_header(text)
    assert header is not None and header.written_on == date(2026, 8, 3)
    zero_as_letter = read_red_header(NOISY_SCAN.replace("二〇二六年八月三日", "二O二六年八月三日"))
    assert zero_as_letter is not None and zero_as_letter.written_on == date(2026, 8, 3)


def test_a_sealed_page_without_signature_names_the_issuer_as_publisher() -> None:
    text = CLEAN_SCAN.replace("赵巷镇人民政府\n2026年8月3日", "请认真落实。\n2026年8月3日")
    header = read_red_header(text)
    assert header is not None and header.publisher == "赵巷镇人民政府"


def test_a_wrapped_addressee_list_is_joined() -> None:
    text = CLEAN_SCAN.replace("各村（居）委会、镇属各单位：", "各村（居）委会、镇属各单位、\n驻镇各单位：")
    header = read_red_header(text)
    assert header is not None
    assert header.addressee == "各村（居）委会、镇属各单位、驻镇各单位"
    assert header.title == "关于做好2026年秋冬季森林防火工作的通知"


def test_text_without_a_red_header_is_not_read_as_one() -> None:
    assert read_red_header("关于2026年预算的说明\n一、总体情况\n2026年8月3日\n") is None


def test_register_from_scan_text_proposes_the_header_fields() -> None:
    proposal = propose(NOISY_SCAN)
    assert proposal.issuer == "赵巷镇人民政府"
    assert proposal.doc_number == "赵府发〔2026〕12号"
    assert proposal.title == "关于做好2026年秋冬季森林防火工作的通知"
    assert proposal.addressee == "各村（居）委会、镇属各单位"
    assert proposal.written_on == date(2026, 8, 3)
    assert proposal.publisher == "赵巷镇人民政府"


def test_without_an_addressee_the_wrapped_title_still_ends_at_its_kind() -> None:
    """A 公告 has no 主送 line: the title's two lines are joined, the body's first sentence is not."""
    proposal = propose(NOISY_SCAN.replace("各村(居)委会丶镇属各单位:\n", "").replace("通知", "公告", 1))
    assert proposal.title == "关于做好2026年秋冬季森林防火工作的公告"
    assert proposal.addressee == ""
    assert proposal.doc_number == "赵府发〔2026〕12号"


def test_a_body_sentence_ending_in_a_colon_is_not_the_addressee() -> None:
    lines = ["赵巷镇人民政府文件", "赵府告〔2026〕3号", "关于禁止野外用火的公告", "现将有关事项公告如下：",
             "一、全镇禁止野外用火。", "赵巷镇人民政府", "2026年8月3日"]  # fmt: skip
    proposal = propose("\n".join(lines))
    assert (proposal.title, proposal.addressee) == ("关于禁止野外用火的公告", "")
