"""上报数据包: plan, personal-data screen, build, verify and history."""
