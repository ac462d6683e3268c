"""What the demo parts share: the demo office, its 公开栏 and its administrator."""

from __future__ import annotations

from app.services.settings.service import OfficeInfo

DEMO_OFFICE = OfficeInfo(
    name="上海市青浦区赵巷镇人民政府",
    org_code="11310118MB2F40001N",  # a valid 统一社会信用代码 (check digit N)
    address="上海市青浦区赵巷镇镇中路 100 号",
    phone="021-59750000",
)
DEMO_BOARDS = ["镇政府公开栏", "便民服务中心公开栏", "赵巷村公开栏", "方夏村公开栏", "中步村公开栏"]
DEMO_ADMIN = ("admin", "李明", "zwgk2025")  # single-account mode: no log-in prompt until a 2nd account
