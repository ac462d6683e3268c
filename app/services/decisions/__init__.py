"""重大行政决策事项目录 and each decision's process record."""
