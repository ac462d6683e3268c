"""保密审查: sheets, what they reviewed, and the 先审查、后公开 gate."""
