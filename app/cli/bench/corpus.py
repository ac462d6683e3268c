"""Believable Chinese text for the benchmark: 公文 titles, attachment text, request descriptions.

Titles follow the shapes a town or county office really uses (关于印发《…》的通知, …的批复, …的公示);
lengths come out between about 12 and 80 characters with a long tail, like a real register. Body text is
drawn from a pool of sentences built from the same vocabulary, with a log-normal length (median about
600 characters) so a few attachments are long reports and most are one- or two-page notices.
"""

from __future__ import annotations

import math
import random

PLACES = (
    "赵巷镇",
    "方夏村",
    "中步村",
    "赵巷村",
    "崧泽村",
    "新镇村",
    "金葫芦村",
    "南横村",
    "沈泾塘村",
    "双桥村",
    "嘉松社区",
    "佳乐苑居委会",
    "逸湖居委会",
    "赵中居委会",
)
OFFICES = (
    "党政办公室",
    "经济发展办公室",
    "规划建设和生态环境办公室",
    "社会事务办公室",
    "农业农村办",
    "平安办",
    "财政所",
    "社区事务受理服务中心",
    "城市运行管理中心",
    "退役军人服务站",
)
PUBLISHERS = ("赵巷镇人民政府", "赵巷镇人民政府办公室", *(f"赵巷镇{office}" for office in OFFICES[:6]))
ABBREVIATIONS = ("赵府发", "赵府办", "赵府", "赵府函", "赵府请", "赵府批")
SUBJECTS = (
    "农村人居环境整治",
    "最低生活保障",
    "防汛防台",
    "安全生产大检查",
    "生活垃圾分类",
    "食品安全",
    "乡村振兴",
    "耕地保护",
    "高龄老人营养补贴",
    "困难群众临时救助",
    "秸秆禁烧",
    "河道综合治理",
    "政务公开",
    "重大行政决策",
    "集体资产管理",
    "宅基地审批",
    "征地补偿",
    "土地流转",
    "农田水利建设",
    "老旧小区改造",
    "燃气安全",
    "消防安全",
    "疫苗接种",
    "义务教育招生",
    "退役军人优待",
    "残疾人两项补贴",
    "优化营商环境",
    "招商引资",
    "河长制",
    "林长制",
    "道路交通安全",
    "违法建筑整治",
    "村务公开",
    "财政预决算",
    "政府债务",
    "公共资源交易",
    "医疗保障",
    "就业援助",
    "养老服务",
    "文明城区创建",
)
DOCUMENT_KINDS = (
    "工作方案",
    "实施方案",
    "实施意见",
    "管理办法",
    "实施细则",
    "工作要点",
    "应急预案",
    "考核办法",
    "专项行动方案",
    "三年行动计划",
)
VERBS = ("做好", "进一步加强", "开展", "深入推进", "调整", "规范", "落实", "组织开展")
PHRASES = (
    "根据上级有关文件精神",
    "经镇政府常务会议研究同意",
    "为切实保障人民群众生命财产安全",
    "结合本镇实际",
    "按照属地管理、分级负责的原则",
    "请各村（居）委会、镇属各单位认真贯彻执行",
    "各责任单位要高度重视，明确分管领导和具体经办人员",
    "资金由镇财政统筹安排",
    "实行一事一议、专款专用",
    "对工作不力的单位予以通报批评",
    "接受社会各界和人民群众监督",
    "确保各项工作任务按时保质完成",
    "建立健全长效管理机制",
    "加强部门之间的协调配合",
    "将有关情况纳入年度绩效考核",
    "做好政策解读和舆论引导工作",
)
NUMBERS = ("一", "二", "三", "四", "五", "六", "七", "八")


def _title(rng: random.Random, year: int) -> str:
    place, subject, kind = rng.choice(PLACES), rng.choice(SUBJECTS), rng.choice(DOCUMENT_KINDS)
    shape = rng.random()
    if shape < 0.3:
        return f"关于印发《{place}{year}年{subject}{kind}》的通知"
    if shape < 0.5:
        return f"{rng.choice(PUBLISHERS)}关于{rng.choice(VERBS)}{subject}工作的通知"
    if shape < 0.62:
        return f"关于同意{place}{subject}项目实施的批复"
    if shape < 0.74:
        return f"关于{place}{year}年{subject}工作情况的报告"
    if shape < 0.84:
        return f"关于{year}年第{rng.choice(NUMBERS[:4])}季度{subject}资金拨付情况的公示"
    if shape < 0.93:
        return f"{place}{subject}{kind}"
    # the long tail: titles that name two subjects and an occasion (80–100 characters)
    other = rng.choice(SUBJECTS)
    return (
        f"关于转发区政府办公室《关于{rng.choice(VERBS)}{subject}和{other}工作的实施意见》"
        f"并结合{place}实际做好{year}年度{subject}{kind}贯彻落实工作的通知"
    )


class Corpus:
    """Deterministic text source (one per benchmark run, seeded)."""

    def __init__(self, seed: int = 12) -> None:
        self.rng = random.Random(seed)
        self.sentences = [self._sentence() for _ in range(3000)]

    def _sentence(self) -> str:
        rng = self.rng
        year = rng.randint(2017, 2026)
        return rng.choice(
            (
                f"{rng.choice(PHRASES)}，现就{year}年{rng.choice(SUBJECTS)}有关事项通知如下。",
                f"{rng.choice(NUMBERS)}、{rng.choice(VERBS)}{rng.choice(SUBJECTS)}。{rng.choice(PHRASES)}。",
                f"{rng.choice(PLACES)}共排查{rng.randint(3, 400)}户，发放资金{rng.randint(1, 900)}万元，"
                f"{rng.choice(PHRASES)}。",
                f"由{rng.choice(OFFICES)}牵头，{rng.choice(PLACES)}配合，{rng.choice(PHRASES)}。",
                f"（{rng.choice(NUMBERS)}）{rng.choice(PHRASES)}，{rng.choice(PHRASES)}。",
                f"联系人：{rng.choice(OFFICES)}，联系电话：021-5975{rng.randint(1000, 9999)}。",
            )
        )

    def title(self, year: int) -> str:
        return _title(self.rng, year)

    def body(self, median: int = 600, cap: int = 8000) -> str:
        """Attachment text with a log-normal length (σ 0.9: most one or two pages, a few long reports)."""
        target = min(cap, int(median * math.exp(self.rng.gauss(0.0, 0.9))))
        parts: list[str] = []
        size = 0
        while size < target:
            sentence = self.rng.choice(self.sentences)
            parts.append(sentence)
            size += len(sentence)
        return "".join(parts)

    def request_description(self, year: int) -> str:
        rng = self.rng
        return rng.choice(
            (
                f"{rng.choice(PLACES)}{year}年{rng.choice(SUBJECTS)}的资金使用明细",
                f"{year}年{rng.choice(PLACES)}{rng.choice(SUBJECTS)}项目的审批文件及批复",
                f"关于我家所在{rng.choice(PLACES)}{rng.choice(SUBJECTS)}的相关文件",
                f"{rng.choice(PUBLISHERS)}{year}年{rng.choice(SUBJECTS)}{rng.choice(DOCUMENT_KINDS)}全文",
            )
        )
