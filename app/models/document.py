"""公文登记 (documents, attachments links, 政策解读), 主题分类/体裁分类 and the 保密审查单 (issue 5)."""

from __future__ import annotations
