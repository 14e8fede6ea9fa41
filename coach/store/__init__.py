"""SQLite relationship memory."""
