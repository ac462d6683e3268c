"""案卷 of 依申请 cases (issue 22): the papers of a case, and the PDF handed to the 档案室 at year end."""
