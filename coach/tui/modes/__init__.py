"""The four modes of the main area: Prep, Role-play, Debrief, Ask."""
