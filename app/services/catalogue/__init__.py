"""基层政务公开标准目录 (issue 23): the catalogue per year, its 公开时限 rules, what satisfies each item,
compliance, 村（居）务公开 and the 自查自纠 report."""
