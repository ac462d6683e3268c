"""The 自查自纠 report (issue 23 part F): counts per 一级事项, the 问题清单, .xlsx, .docx and a paragraph."""
