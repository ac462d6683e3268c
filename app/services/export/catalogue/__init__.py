"""The 信息目录 rows each register contributes to a package."""
