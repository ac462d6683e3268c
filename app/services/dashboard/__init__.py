"""工作台: alerts from every feature, statistics and the backup reminder."""
