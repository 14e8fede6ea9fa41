"""The user's calendar: an iCalendar file read into 1:1 series and their occurrences.

`ics.py` parses the file and expands each event's recurrence (RRULE, EXDATE, moved and
cancelled occurrences) in the user's time zone; `oneonones.py` decides which series are
1:1s, with whom, and what each occurrence means for attendance. Neither writes anything:
the workspace matches the series to people and the store records the result.
"""
