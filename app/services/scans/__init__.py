"""Text from scans, photos and image PDFs by offline Chinese OCR (issue 22); `read.read_pages` is the entry.

Measured on the project's 2-core machine (2026-12, the bench's sample notice app/cli/bench/scan_sample.py,
a 200-dpi A4 page; `python main.py bench --ocr-pages 4` measures it again): 2.1–3.1 s a page when the
machine is idle (3.2–3.9 CPU-seconds), engine import 0.2–0.4 s and first load 0.25–0.35 s, peak memory
≈ 0.9 GB while a page is read (0.15 GB once loaded). The engine, its models, onnxruntime, OpenCV and numpy
take ≈ 470 MB of site-packages on Linux (OpenCV's bundled libraries 290 MB).
"""
