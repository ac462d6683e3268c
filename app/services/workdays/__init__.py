"""The working-day calendar: loaded 放假安排, provisional years, the notice parser."""
