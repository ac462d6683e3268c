"""Demo 公开栏 postings: a 低保公示 with a table, a 村务公开 收支明细表 and a policy notice.

All three are made today (their review sheets are signed now: 先审查、后公开), so their quarters and years
are today's: this quarter's 低保 list, the last finished quarter's accounts, this year's 医保 collection.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from app.services.context import AppContext
from app.services.demo.data import DEMO_OFFICE
from app.services.demo.dates import previous_quarter, quarter_of
from app.services.permissions import Actor
from app.services.postings.periods import PeriodPreset
from app.services.postings.types import PhotoStage, PostingDraft, PostingFilter
from app.services.review.kinds import ItemKind
from app.services.review.types import SheetForm

DIBAO_BODY = """各村（居）民委员会、广大群众：
根据《上海市最低生活保障办法》和《赵巷镇最低生活保障对象动态管理办法》的规定，经本人申请、村（居）民委员会入户调查、民主评议，镇人民政府审核，现将{year}年{quarter}拟新增最低生活保障对象名单予以公示，接受群众监督。
序号\t户主姓名\t家庭人口\t所在村（居）\t月保障金额（元）
1\t张**\t2\t赵巷村\t2,940
2\t李**\t1\t方夏村\t1,470
3\t王**\t3\t中步村\t4,410
4\t陈**\t1\t赵巷村\t1,470
公示期内，如对公示对象有异议，可以通过电话、来信、来访等方式向镇社会事务办公室反映。反映情况要实事求是，提倡署真实姓名，我们将为反映人保密。"""

ACCOUNTS_BODY = """根据《中华人民共和国村民委员会组织法》第三十条，现将本村{year}年{quarter}财务收支公布如下。
一、收入情况。本季度收入合计1,286,400元。
项目\t本季度（元）\t本年累计（元）\t备注
集体资产租赁收入\t856,000\t2,568,000\t厂房、门面
上级补助收入\t320,000\t960,000\t村级组织运转
其他收入\t110,400\t331,200\t
二、支出情况。本季度支出合计1,034,560元。
项目\t本季度（元）\t本年累计（元）\t备注
保洁绿化养护\t386,000\t1,158,000\t
道路修补\t214,560\t498,300\t东街、北横路
村干部报酬\t298,000\t894,000\t
办公及水电\t136,000\t402,500\t
三、村民对公布内容有异议的，可以向村务监督委员会或镇农村经营管理站反映。"""

POLICY_BODY = """为做好{insured}年度城乡居民基本医疗保险参保缴费工作，现将有关事项告知如下。
一、缴费时间。{paid}年9月1日至12月31日。
二、缴费标准。（一）成年居民。个人缴费每人每年400元。（二）中小学生和婴幼儿。个人缴费每人每年200元。
三、缴费方式。可通过“随申办”移动端、各银行网点或村（居）委会代办点缴费。
低保对象、特困供养人员等困难群体个人缴费部分由政府全额资助，无需自行缴纳。"""


def seed_postings_demo(ctx: AppContext, actor: Actor, today: date | None = None) -> int:
    """Three postings through the services (audited): 张贴中 with a photo, 已撤除存档, 待张贴 in review."""
    from app.services.demo.reviews import demo_review

    service = ctx.postings
    today = today or ctx.clock.today()
    if service.count(PostingFilter(today)):
        return 0
    (this_year, this_quarter), (last_year, last_quarter) = quarter_of(today), previous_quarter(today)
    paid = today.year  # this year's 9月–12月 collection, for next year's 医保 (as in Shanghai)
    base = PostingDraft(
        "",
        "",
        (),
        PeriodPreset.DAYS_7.value,
        today,
        unit=DEMO_OFFICE.name,
        signed_on=today,
        phone=DEMO_OFFICE.phone,
    )
    dibao = service.create(
        actor,
        replace(
            base,
            title=f"关于{this_year}年{this_quarter}拟新增最低生活保障对象的公示",
            body=DIBAO_BODY.format(year=this_year, quarter=this_quarter),
            boards=("镇政府公开栏", "便民服务中心公开栏"),
            responsible="王敏",
            qr_url="https://www.shqp.gov.cn/zhaoxiang/",
        ),
    )
    accounts = service.create(
        actor,
        replace(
            base,
            title=f"赵巷村{last_year}年{last_quarter}村务公开收支明细表",
            body=ACCOUNTS_BODY.format(year=last_year, quarter=last_quarter),
            boards=("赵巷村公开栏",),
            preset=PeriodPreset.DAYS_5.value,
            responsible="赵巷村 徐芳",
            unit="赵巷村村民委员会",
        ),
    )
    policy = service.create(
        actor,
        replace(
            base,
            title=f"关于做好{paid + 1}年度城乡居民基本医疗保险参保缴费工作的告知书",
            body=POLICY_BODY.format(insured=paid + 1, paid=paid),
            boards=("镇政府公开栏", "方夏村公开栏", "中步村公开栏"),
            preset=PeriodPreset.DAYS_30.value,
            responsible="王敏",
            period_start=today + timedelta(days=1),
        ),
    )
    for posting, steps in ((dibao, 4), (accounts, 4), (policy, 2)):
        form = SheetForm(
            unit="社会事务办公室",
            carrier="非公文类",
            channels=("政务公开栏", "村（居）务公开栏"),
            planned_on=posting.draft.period_start,
        )
        demo_review(ctx, actor, ItemKind.POSTING, posting.id, steps, form)
    posted_at = ctx.clock.now()  # after the sign-offs just made: 先审查、后公开
    service.mark_posted(actor, dibao.id, posted_at)
    service.mark_posted(actor, accounts.id, posted_at)
    with tempfile.TemporaryDirectory() as work:
        photo = Path(work) / "镇政府公开栏张贴照片.jpg"
        _demo_photo(photo, posted_at)
        service.add_photo(actor, dibao.id, PhotoStage.POSTED, photo, "镇政府公开栏")
    service.mark_removed(actor, accounts.id, today, "表中「道路修补」金额有误，已撤下更正后重新张贴")
    return 3


def _demo_photo(path: Path, taken: datetime) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), (214, 222, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((120, 80, 520, 400), fill="white", outline=(90, 90, 90), width=6)
    for y in range(130, 380, 26):
        draw.line((160, y, 480, y), fill=(150, 150, 150), width=3)
    exif = Image.Exif()
    exif.get_ifd(0x8769)[36867] = taken.strftime("%Y:%m:%d %H:%M:%S")
    image.save(path, "JPEG", exif=exif.tobytes())
